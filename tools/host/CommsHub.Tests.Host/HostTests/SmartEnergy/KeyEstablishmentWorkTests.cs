using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Tests.Security;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.Work;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.SmartEnergy
{
    /// <summary>What the CBKE derivation step is charged on the main loop's meter, counted through the AES seam.</summary>
    [TestClass]
    public class KeyEstablishmentWorkTests
    {
        private const int AssumedBlocks = 34;

        [TestMethod]
        public void TheDerivationStepIsChargedForAtLeastTheAesBlocksItRuns()
        {
            var aes = new CountingAes(new DotNetAes());
            var derivation = new CbkeKeyDerivation(aes);
            byte[] z = new byte[KeyEstablishmentSuite.SecretLength(KeyEstablishmentSuite.Suite2)];
            byte[] point = new byte[KeyEstablishmentSuite.PointLength(KeyEstablishmentSuite.Suite2)];
            byte[] mac = new byte[16];
            derivation.Derive(z, z.Length);
            derivation.Mac(CbkeKeyDerivation.InitiatorMacPrefix, 1, 2, point, point, point.Length, mac);
            derivation.Mac(CbkeKeyDerivation.ResponderMacPrefix, 2, 1, point, point, point.Length, mac);
            OutputHelper.WriteLine("suite 2 derivation: " + aes.Calls + " AES blocks; charged " + WorkBudget.CbkeDerivationUnits + " IL units");
            Assert.IsTrue(aes.Calls <= AssumedBlocks, aes.Calls + " AES blocks, more than the " + AssumedBlocks + " WorkBudget.CbkeDerivationUnits assumes");
            Assert.IsTrue(WorkBudget.CbkeDerivationUnits >= AssumedBlocks * 500);
            Assert.IsTrue(WorkBudget.CbkeDerivationUnits <= WorkBudget.TurnUnits, "the derivation fits one turn");
        }
    }
}
