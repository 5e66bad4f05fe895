using System;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>The oracles are only worth something if they can say no.</summary>
    [TestClass]
    public class OracleSelfTests
    {
        [TestMethod]
        public void ABlockResponseShorterThanItsDataSizeIsRejected()
        {
            // Image Block Response, SUCCESS, data size 4 but only 3 data bytes.
            byte[] lying = Convert.FromHexString("1907050034120100CDAB23010000000004DEADBE");

            try
            {
                Oracles.Check(new[] { new SentFrame(1, lying, 0) });
            }
            catch (AssertFailedException rejected)
            {
                Assert.IsTrue(rejected.Message.Contains("dataSize"), rejected.Message);
                return;
            }

            Assert.IsTrue(false, "the oracles accepted a block response that lies about its data size");
        }

        [TestMethod]
        public void AWellFormedBlockResponseIsAccepted()
        {
            byte[] good = Convert.FromHexString("1907050034120100CDAB23010000000004DEADBEEF");

            Oracles.Check(new[] { new SentFrame(1, good, 0) });
        }
    }
}
