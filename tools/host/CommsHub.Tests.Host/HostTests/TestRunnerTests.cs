using System;
using System.Reflection;
using CommsHub.Tests.Runner;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The host runner must reproduce the device launcher's rules, or tests pass here and fail on a board.</summary>
    [TestClass]
    public class TestRunnerTests
    {
        [TestMethod]
        public void TestMethodsRunOnANullInstanceSoInstanceStateFailsAsOnTheDevice()
        {
            MethodInfo method = typeof(NotATestClass).GetMethod(nameof(NotATestClass.UsesAnInstanceField));

            Assert.ThrowsException(typeof(NullReferenceException), () => NanoTestCatalog.Invoker(method)(Array.Empty<object>()));
        }

        [TestMethod]
        public void InstanceMethodsThatKeepStateInStaticFieldsRun()
        {
            MethodInfo method = typeof(NotATestClass).GetMethod(nameof(NotATestClass.UsesAStaticField));
            NanoTestCatalog.Invoker(method)(Array.Empty<object>());

            Assert.AreEqual(1, NotATestClass.StaticCounter);
        }

        [TestMethod]
        public void ADataRowOfTheWrongTypeIsReportedNotConverted()
        {
            MethodInfo method = typeof(NotATestClass).GetMethod(nameof(NotATestClass.TakesALong));

            Assert.ThrowsException(typeof(InvalidOperationException), () => NanoTestCatalog.Invoker(method)(new object[] { 5 }));
        }

        [TestMethod]
        public void EveryDataRowIsItsOwnTestCase()
        {
            var cases = NanoTestCatalog.Discover(typeof(TestRunnerTests).Assembly);

            Assert.IsTrue(cases.ContainsKey("CommsHub.Tests.Platform.HexTests.ValuesAreZeroPaddedToTheirWidth#0"));
            Assert.IsTrue(cases.ContainsKey("CommsHub.Tests.Platform.HexTests.ValuesAreZeroPaddedToTheirWidth#2"));
            Assert.IsFalse(cases.ContainsKey("CommsHub.Tests.Platform.HexTests.ValuesAreZeroPaddedToTheirWidth#3"));
        }

        public class NotATestClass
        {
            public static int StaticCounter;
            private int _instanceCounter;

            public void UsesAnInstanceField()
            {
                _instanceCounter++;
            }

            public void UsesAStaticField()
            {
                StaticCounter++;
            }

            public void TakesALong(long value)
            {
                StaticCounter += (int)value;
            }
        }
    }
}
