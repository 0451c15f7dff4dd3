using EventTracker.Api.Hosting;
using NetArchTest.Rules;

namespace EventTracker.Tests.Architecture;

/// <summary>
/// Problem details are made in one folder: features answer through <c>Problems</c> and <c>ValidationProblems</c>,
/// middleware through <c>ProblemWriting</c>, so every refusal carries the same members and traceId.
/// </summary>
public sealed class ErrorsInOnePlaceTests
{
    private const string ErrorsNamespace = "EventTracker.Api.Errors";

    private static readonly string[] ProblemPlumbing =
    [
        "Microsoft.AspNetCore.Http.IProblemDetailsService",
        "Microsoft.AspNetCore.Http.ProblemDetailsContext",
        "Microsoft.AspNetCore.Http.HttpValidationProblemDetails",
    ];

    private static Types Api => Types.InAssembly(typeof(EventTrackerAppBuilder).Assembly);

    [Fact]
    public void NoTypeOutsideErrorsWritesOrTakesApartProblemDetails()
    {
        var result = Api.That().DoNotResideInNamespace(ErrorsNamespace).ShouldNot().HaveDependencyOnAny(ProblemPlumbing).GetResult();

        Assert.True(result.IsSuccessful, "Outside Errors: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void TheRuleSeesTheTypesThatWriteProblems()
    {
        var users = Api.That().ResideInNamespace(ErrorsNamespace).And().HaveDependencyOnAny(ProblemPlumbing).GetTypes();

        Assert.Contains(users, type => type.Name == "ProblemWriting");
        Assert.Contains(users, type => type.Name == "ValidationProblems");
    }
}
