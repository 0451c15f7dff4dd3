using System.Net;
using EventTracker.Tests.Infrastructure;

namespace EventTracker.Tests.Foundation;

/// <summary>A value that cannot be read as its parameter's type answers the validation 400, keyed by the parameter's name.</summary>
public sealed class BindingErrorTests(EventTrackerApp app) : IClassFixture<EventTrackerApp>
{
    [Theory]
    [InlineData("/api/v1/timeline?organization=abc", "organization", "'abc' is not a whole number.")]
    [InlineData("/api/v1/timeline?organization=1&organization=x2", "organization", "'x2' is not a whole number.")]
    [InlineData("/api/v1/timeline?counterpart=nato", "counterpart", "'nato' is not a whole number.")]
    [InlineData("/api/v1/timeline?overlap=maybe", "overlap", "'maybe' is not true or false.")]
    [InlineData("/api/v1/timeline/histogram?includeSubOrganizations=perhaps", "includeSubOrganizations", "'perhaps' is not true or false.")]
    [InlineData("/api/v1/timeline?limit=ten", "limit", "'ten' is not a whole number.")]
    [InlineData("/api/v1/organizations?limit=x", "limit", "'x' is not a whole number.")]
    [InlineData("/api/v1/events/export?source=s1", "source", "'s1' is not a whole number.")]
    public async Task AValueOfTheWrongTypeIsAValidationErrorNamingTheParameter(string url, string parameter, string message)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal([message], await response.AssertValidationErrorAsync(parameter));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Int64", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", body, StringComparison.Ordinal);
        Assert.DoesNotContain("long[]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnswerHasTheShapeOfEveryOtherValidationError()
    {
        var binding = await (await app.CreateClient().GetAsync("/api/v1/timeline?organization=abc")).ReadJsonAsync();
        var validation = await (await app.CreateClient().GetAsync("/api/v1/timeline?limit=0")).ReadJsonAsync();

        Assert.Equal(validation.GetProperty("title").GetString(), binding.GetProperty("title").GetString());
        Assert.Equal(
            validation.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            binding.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)binding.GetProperty("status").GetInt32());
    }
}
