using System;
using CommsHub.Hub;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Hub
{
    [TestClass]
    public class IsoTimeTests
    {
        [TestMethod]
        public void FormatsUtcToTheSecondWithZeroPadding()
        {
            Assert.AreEqual("2015-01-01T00:00:00Z", IsoTime.Format(new DateTime(2015, 1, 1, 0, 0, 0)));
            Assert.AreEqual("2026-11-21T09:05:07Z", IsoTime.Format(new DateTime(2026, 11, 21, 9, 5, 7)));
        }
    }
}
