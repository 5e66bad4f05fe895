using System;
using System.Collections.Generic;
using System.Linq;
using nanoFramework.TestFramework;
using Xunit;

[assembly: AssemblyFixture(typeof(CommsHub.Tests.Runner.NanoCleanup))]
[assembly: CaptureConsole]

namespace CommsHub.Tests.Runner
{
    /// <summary>The only xunit test: each nanoFramework test case is one row, so xunit counts and reports each.</summary>
    public sealed class NanoTests
    {
        public static IEnumerable<TheoryDataRow<string>> Cases() =>
            NanoTestCatalog.All.Select(c => new TheoryDataRow<string>(c.Id) { TestDisplayName = c.DisplayName });

        [Theory]
        [MemberData(nameof(Cases))]
        public void Run(string id)
        {
            NanoTestCase testCase = NanoTestCatalog.Find(id);
            NanoTestCatalog.EnsureSetUp(testCase.TestClass);
            try
            {
                NanoTestCatalog.Invoker(testCase.Method)(testCase.Row);
            }
            catch (SkipTestException skip)
            {
                Xunit.Assert.Skip(skip.Message ?? "skipped by the test");
            }
        }
    }

    /// <summary>Runs every [Cleanup] once after the last test, as the device launcher does per class.</summary>
    public sealed class NanoCleanup : IDisposable
    {
        public void Dispose() => NanoTestCatalog.CleanUpAll();
    }
}
