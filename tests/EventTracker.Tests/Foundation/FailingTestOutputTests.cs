using EventTracker.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EventTracker.Tests.Foundation;

/// <summary>
/// A test that fails shows what the service logged while it ran (<see cref="ServerLogTestFramework"/>). Proven by
/// running probe tests through the same runner the suite uses and reading the messages it reports.
/// </summary>
public sealed class FailingTestOutputTests
{
    [Fact]
    public async Task AFailingTestsOutputEndsWithWhatItsAppLoggedWhileItRan()
    {
        using var app = new EventTrackerApp();
        await app.CreateEditorClient().DeleteAsync("/api/v1/organizations/123456789");

        var messages = await RunProbeAsync(nameof(Probes.DeletesAMissingOrganizationThenFails), app);

        var failed = Assert.Single(messages.OfType<ITestFailed>());
        Assert.Contains("--- server log", failed.Output, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/organizations/{Probes.MissingId}", failed.Output, StringComparison.Ordinal);
        // What the app logged before the test began belongs to earlier tests.
        Assert.DoesNotContain("/api/v1/organizations/123456789", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppTheTestMakesItselfIsInItsOutputToo()
    {
        var messages = await RunProbeAsync(nameof(Probes.MakesItsOwnAppThenFails));

        var failed = Assert.Single(messages.OfType<ITestFailed>());
        Assert.Contains($"/api/v1/organizations/{Probes.MissingId}", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassingTestsOutputCarriesNoServerLog()
    {
        using var app = new EventTrackerApp();

        var messages = await RunProbeAsync(nameof(Probes.DeletesAMissingOrganizationAndPasses), app);

        var passed = Assert.Single(messages.OfType<ITestPassed>());
        Assert.DoesNotContain("--- server log", passed.Output, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<IMessageSinkMessage>> RunProbeAsync(string method, params object[] fixtures)
    {
        var assembly = new TestAssembly(new ReflectionAssemblyInfo(typeof(Probes).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "probes"), new ReflectionTypeInfo(typeof(Probes)));
        var testMethod = new TestMethod(testClass, new ReflectionMethodInfo(typeof(Probes).GetMethod(method)!));
        var testCase = new XunitTestCase(new NullMessageSink(), TestMethodDisplay.Method, TestMethodDisplayOptions.None, testMethod);
        var bus = new CollectingBus();

        await new ServerLogTestCaseRunner(
            testCase, testCase.DisplayName, null!, fixtures, [], bus, new ExceptionAggregator(), new CancellationTokenSource()).RunAsync();
        return bus.Messages;
    }

    private sealed class CollectingBus : IMessageBus
    {
        private readonly List<IMessageSinkMessage> _messages = [];

        public IReadOnlyList<IMessageSinkMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToArray();
                }
            }
        }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            lock (_messages)
            {
                _messages.Add(message);
            }

            return true;
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>Tests run only by <see cref="FailingTestOutputTests"/>: the suite's discovery finds none of them.</summary>
public sealed class Probes(EventTrackerApp app)
{
    public const long MissingId = 987654321;

    [ProbeFact]
    public async Task DeletesAMissingOrganizationThenFails()
    {
        await app.CreateEditorClient().DeleteAsync($"/api/v1/organizations/{MissingId}");
        Assert.Fail("This probe fails on purpose.");
    }

    [ProbeFact]
    public async Task DeletesAMissingOrganizationAndPasses() =>
        await app.CreateEditorClient().DeleteAsync($"/api/v1/organizations/{MissingId}");

    [ProbeFact]
    public static async Task MakesItsOwnAppThenFails()
    {
        using var own = new EventTrackerApp();
        await own.CreateEditorClient().DeleteAsync($"/api/v1/organizations/{MissingId}");
        Assert.Fail("This probe fails on purpose.");
    }
}

/// <summary>Marks a probe: a fact to xunit's runners, but one its discovery never yields.</summary>
[XunitTestCaseDiscoverer("EventTracker.Tests.Foundation.ProbeFactDiscoverer", "EventTracker.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProbeFactAttribute : FactAttribute;

public sealed class ProbeFactDiscoverer : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) => [];
}
