using CommsHub.Aps;
using CommsHub.Ota.Frames;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Aps
{
    [TestClass]
    public class ApsPayloadBudgetTests
    {
        [TestMethod]
        [DataRow(false, false, 0, 100)]
        [DataRow(true, false, 0, 82)]
        [DataRow(true, true, 0, 73)]
        [DataRow(true, false, 3, 74)]
        [DataRow(true, true, 5, 61)]
        public void TheBudgetShrinksWithSecurityAndSourceRoutes(bool nwkSecurity, bool apsSecurity, int relays, int expected)
        {
            Assert.AreEqual(expected, ApsPayloadBudget.Compute(nwkSecurity, apsSecurity, relays));
        }

        [TestMethod]
        public void TheBudgetAgreesWithWhatTheApsLayerSendsInOneFrame()
        {
            Assert.AreEqual(ApsLayer.MaxPayload, ApsPayloadBudget.Compute(true, false, 0));
            Assert.AreEqual(ApsLayer.MaxSecuredPayload, ApsPayloadBudget.Compute(true, true, 0));
            Assert.AreEqual(ApsPayloadBudget.Compute(true, true, 3) - ApsPayloadBudget.Compute(true, false, 3), ApsLayer.MaxSecuredPayload - ApsLayer.MaxPayload);
        }

        [TestMethod]
        public void AFullySecuredFiveHopRouteStillCarriesAUsefulOtaBlock()
        {
            int block = ApsPayloadBudget.Compute(true, true, 5) - OtaResponses.ImageBlockResponseOverhead;

            Assert.AreEqual(44, block);
        }
    }
}
