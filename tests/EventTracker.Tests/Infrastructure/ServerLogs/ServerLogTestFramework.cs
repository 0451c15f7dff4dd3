using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("EventTracker.Tests.Infrastructure.ServerLogTestFramework", "EventTracker.Tests")]

namespace EventTracker.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, with one change: a test that fails has the server logs of its apps appended to its
/// output (<see cref="TestServerLogs"/>). xunit v2 gives no hook below the executor, so each runner level is
/// subclassed only to hand down the next; the change itself is <see cref="ServerLogTestRunner"/>.
/// </summary>
public sealed class ServerLogTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        // xunit's own runner holds its "conservative" limit on parallel collections in the method this class replaces,
        // in a field it keeps private; without this copy every collection would start at once.
        private readonly SemaphoreSlim? _slots = ParallelSlots(executionOptions);

        protected override async Task<RunSummary> RunTestCollectionAsync(
            IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
        {
            if (_slots is not null)
            {
                await _slots.WaitAsync(cancellationTokenSource.Token);
            }

            try
            {
                return await new CollectionRunner(
                        testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer, new ExceptionAggregator(Aggregator),
                        cancellationTokenSource)
                    .RunAsync();
            }
            finally
            {
                _slots?.Release();
            }
        }

        public override void Dispose()
        {
            _slots?.Dispose();
            base.Dispose();
        }

        private static SemaphoreSlim? ParallelSlots(ITestFrameworkExecutionOptions options)
        {
            if (options.DisableParallelization() == true || options.ParallelAlgorithmOrDefault() == ParallelAlgorithm.Aggressive)
            {
                return null;
            }

            var threads = options.MaxParallelThreads() ?? 0;
            return threads < 0 ? null : new SemaphoreSlim(threads == 0 ? Environment.ProcessorCount : threads);
        }
    }

    private sealed class CollectionRunner(
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
        : XunitTestCollectionRunner(testCollection, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource)
    {
        protected override Task<RunSummary> RunTestClassAsync(ITestClass testClass, IReflectionTypeInfo @class, IEnumerable<IXunitTestCase> testCases) =>
            new ClassRunner(
                    testClass, @class, testCases, DiagnosticMessageSink, MessageBus, TestCaseOrderer, new ExceptionAggregator(Aggregator),
                    CancellationTokenSource, CollectionFixtureMappings)
                .RunAsync();
    }

    private sealed class ClassRunner(
        ITestClass testClass,
        IReflectionTypeInfo @class,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        IDictionary<Type, object> collectionFixtureMappings)
        : XunitTestClassRunner(testClass, @class, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource, collectionFixtureMappings)
    {
        protected override Task<RunSummary> RunTestMethodAsync(
            ITestMethod testMethod, IReflectionMethodInfo method, IEnumerable<IXunitTestCase> testCases, object[] constructorArguments) =>
            new MethodRunner(
                    testMethod, Class, method, testCases, DiagnosticMessageSink, MessageBus, new ExceptionAggregator(Aggregator),
                    CancellationTokenSource, constructorArguments)
                .RunAsync();
    }

    private sealed class MethodRunner : XunitTestMethodRunner
    {
        // The base keeps its own copies private; the case runners need them.
        private readonly IMessageSink _diagnostics;
        private readonly object[] _constructorArguments;

        public MethodRunner(
            ITestMethod testMethod,
            IReflectionTypeInfo @class,
            IReflectionMethodInfo method,
            IEnumerable<IXunitTestCase> testCases,
            IMessageSink diagnosticMessageSink,
            IMessageBus messageBus,
            ExceptionAggregator aggregator,
            CancellationTokenSource cancellationTokenSource,
            object[] constructorArguments)
            : base(testMethod, @class, method, testCases, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource, constructorArguments)
        {
            _diagnostics = diagnosticMessageSink;
            _constructorArguments = constructorArguments;
        }

        protected override Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase) => testCase switch
        {
            XunitTheoryTestCase theory => new ServerLogTheoryCaseRunner(
                theory, theory.DisplayName, theory.SkipReason, _constructorArguments, _diagnostics, MessageBus,
                new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync(),
            // Facts, and theory rows enumerated at discovery; anything else (discovery errors, skipped rows) runs as xunit's.
            _ when testCase.GetType() == typeof(XunitTestCase) => new ServerLogTestCaseRunner(
                testCase, testCase.DisplayName, testCase.SkipReason, _constructorArguments, testCase.TestMethodArguments, MessageBus,
                new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync(),
            _ => base.RunTestCaseAsync(testCase),
        };
    }
}

/// <summary>Runs one fact (or one enumerated theory row) through <see cref="ServerLogTestRunner"/>.</summary>
public sealed class ServerLogTestCaseRunner(
    IXunitTestCase testCase,
    string displayName,
    string skipReason,
    object[] constructorArguments,
    object[] testMethodArguments,
    IMessageBus messageBus,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestCaseRunner(testCase, displayName, skipReason, constructorArguments, testMethodArguments, messageBus, aggregator, cancellationTokenSource)
{
    protected override XunitTestRunner CreateTestRunner(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        new ServerLogTestRunner(
            test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator,
            cancellationTokenSource);
}

/// <summary>Runs a theory whose rows are enumerated at run time, each row through <see cref="ServerLogTestRunner"/>.</summary>
public sealed class ServerLogTheoryCaseRunner(
    IXunitTestCase testCase,
    string displayName,
    string skipReason,
    object[] constructorArguments,
    IMessageSink diagnosticMessageSink,
    IMessageBus messageBus,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTheoryTestCaseRunner(testCase, displayName, skipReason, constructorArguments, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource)
{
    protected override XunitTestRunner CreateTestRunner(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource) =>
        new ServerLogTestRunner(
            test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator,
            cancellationTokenSource);
}

/// <summary>xunit's test runner; when the test fails, what its apps logged while it ran follows its own output.</summary>
public sealed class ServerLogTestRunner(
    ITest test,
    IMessageBus messageBus,
    Type testClass,
    object[] constructorArguments,
    MethodInfo testMethod,
    object[] testMethodArguments,
    string skipReason,
    IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes,
    ExceptionAggregator aggregator,
    CancellationTokenSource cancellationTokenSource)
    : XunitTestRunner(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
{
    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        var logs = TestServerLogs.Begin(ConstructorArguments);
        var (time, output) = await base.InvokeTestAsync(aggregator);
        if (aggregator.HasExceptions && logs.Report() is { Length: > 0 } report)
        {
            output = output.Length == 0 ? report : output + Environment.NewLine + report;
        }

        return Tuple.Create(time, output);
    }
}
