using CommsHub.Aps;
using CommsHub.Nwk;
using CommsHub.Security;
using CommsHub.Tests.Zdo;
using CommsHub.Zdo;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security
{
    /// <summary>Whatever the air delivers, no frame decoder and no MIC check throws: random bytes through every one of them.</summary>
    [TestClass]
    public class RandomInputTests
    {
        [TestMethod]
        public void RandomBytesNeverMakeADecoderThrow()
        {
            var random = new System.Random(2026);
            var nwk = new NwkHeader();
            var nwkCommand = new NwkCommand();
            var aps = new ApsHeader();
            var apsCommand = new ApsCommand();
            var zdo = new ZdoFrame();
            var security = new FrameSecurity(new SoftwareAes());
            security.SetKey(new byte[16], 0);
            byte[] buffer = new byte[127];
            int decoded = 0;
            for (int trial = 0; trial < 400; trial++)
            {
                random.NextBytes(buffer);
                int length = random.Next(128);

                // Steer some frames into the interesting branches: protocol version 2, security and source route bits.
                if (trial % 2 == 0)
                {
                    buffer[0] = (byte)((buffer[0] & 0xC3) | 0x08);
                }

                if (NwkFrameCodec.Decode(buffer, 0, length, nwk, SecurityLevel.Zigbee) == null)
                {
                    decoded++;
                    if (nwk.Security)
                    {
                        Assert.IsNotNull(security.Unsecure(buffer, 0, nwk.HeaderLength, nwk.PayloadLength, nwk.Auxiliary, nwk.Auxiliary.Source), "random bytes passed the MIC");
                    }
                }

                NwkCommandCodec.Decode(buffer, 0, length, nwkCommand);
                if (ApsFrameCodec.Decode(buffer, 0, length, aps, SecurityLevel.Zigbee) == null && aps.Security)
                {
                    Assert.IsNotNull(security.Unsecure(buffer, 0, aps.HeaderLength, aps.PayloadLength, aps.Auxiliary, aps.Auxiliary.Source), "random bytes passed the MIC");
                }

                ApsCommandCodec.Decode(buffer, 0, length, apsCommand);
                ushort cluster = ZdoFrameTests.Clusters[trial % ZdoFrameTests.Clusters.Length];
                ZdoCodec.Decode(cluster, buffer, 0, length, zdo);
            }

            Assert.IsTrue(decoded > 0, "no random frame reached the security check");
        }
    }
}
