using EventTracker.Api.Hosting;
using NetArchTest.Rules;

namespace EventTracker.Tests.Architecture;

/// <summary>Features talk to store interfaces: database drivers, Dapper and DbUp are used only under Storage.</summary>
public sealed class StorageBoundaryTests
{
    private const string StorageNamespace = "EventTracker.Api.Storage";

    private static readonly string[] DatabaseLibraries =
        ["Microsoft.Data.Sqlite", "SQLitePCL", "Dapper", "DbUp", "Npgsql", "System.Data"];

    private static Types Api => Types.InAssembly(typeof(EventTrackerAppBuilder).Assembly);

    [Fact]
    public void NoTypeOutsideStorageDependsOnADatabaseDriverOrDapper()
    {
        var result = Api.That().DoNotResideInNamespace(StorageNamespace)
            .ShouldNot().HaveDependencyOnAny(DatabaseLibraries)
            .GetResult();

        Assert.True(result.IsSuccessful, "Outside Storage: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void TheRuleSeesTheDriversTheStoresUse()
    {
        // Without this, a rule that matched nothing (a misspelt namespace) would pass the test above forever.
        var users = Api.That().ResideInNamespace(StorageNamespace).And().HaveDependencyOnAny("Dapper", "Microsoft.Data.Sqlite", "Npgsql").GetTypes();

        Assert.Contains(users, type => type.Name == "OrganizationStore");
        Assert.Contains(users, type => type.Name == "EventStore");
        Assert.Contains(users, type => type.Name == "SqliteStore");
        Assert.Contains(users, type => type.Name == "SqliteConnectionFactory");
        Assert.Contains(users, type => type.Name == "PostgresDialect");
        Assert.Contains(users, type => type.Name == "PostgresUnitOfWork");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void FeaturesDoNotReachIntoAProvider(string provider)
    {
        var result = Api.That().DoNotResideInNamespace(StorageNamespace)
            .And().DoNotHaveName("Program")
            .ShouldNot().HaveDependencyOn(StorageNamespace + "." + provider)
            .GetResult();

        Assert.True(result.IsSuccessful, $"Depend on Storage.{provider}: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void TheProviderRuleSeesTheProvidersNamespaces()
    {
        var providers = Api.That().ResideInNamespace(StorageNamespace).GetTypes().Select(type => type.Namespace).Distinct().ToList();

        Assert.Contains(StorageNamespace + ".Sqlite", providers);
        Assert.Contains(StorageNamespace + ".Postgres", providers);
    }
}
