using CommsHub.Clusters.Basic;
using CommsHub.Clusters.KeepAlive;
using CommsHub.Zcl;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Zcl
{
    [TestClass]
    public class ZclAttributeServerTests
    {
        private static readonly byte[] Response = new byte[96];

        [TestMethod]
        public void ReadAttributesAnswersEachIdWithItsTypeAndValue()
        {
            int n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x00 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x11, 0x01, 0x00, 0x00, 0x00, 0x20, 10, 0x01, 0x00, 0x00, 0x21, 0x2C, 0x01 }, n);
        }

        [TestMethod]
        public void AnUnknownAttributeIdIsUnsupportedAndTheOthersAreStillAnswered()
        {
            int n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x05, 0x00, 0x34, 0x12, 0x00, 0x00 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x05, 0x01, 0x34, 0x12, 0x86, 0x00, 0x00, 0x00, 0x20, 10 }, n);
        }

        [TestMethod]
        public void StringAttributesCarryTheirLength()
        {
            int n = Handle(new BasicServer().Server, new byte[] { 0x00, 0x01, 0x00, 0x04, 0x00 }, Response.Length);

            string name = BasicIdentityPolicy.ManufacturerName;
            Assert.AreEqual(3 + 4 + 1 + name.Length, n);
            Assert.AreEqual((byte)ZclDataType.CharacterString, Response[6]);
            Assert.AreEqual((byte)name.Length, Response[7]);
            for (int i = 0; i < name.Length; i++)
            {
                Assert.AreEqual((byte)name[i], Response[8 + i]);
            }
        }

        [TestMethod]
        public void RecordsThatDoNotFitAreLeftOut()
        {
            // Room for the header and one 6-byte record (attribute 0x0000, uint8): the jitter record is dropped whole.
            int n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x00 }, 3 + 5 + 4);

            AssertBytes(new byte[] { 0x18, 0x11, 0x01, 0x00, 0x00, 0x00, 0x20, 10 }, n);
        }

        [TestMethod]
        public void ATruncatedReadAttributesIsAMalformedCommand()
        {
            byte[][] requests =
            {
                new byte[] { 0x00, 0x07, 0x00, 0x00 },
                new byte[] { 0x00, 0x07, 0x00, 0x00, 0x00, 0x01 },
                new byte[] { 0x00, 0x07, 0x00 },
            };
            for (int i = 0; i < requests.Length; i++)
            {
                ZclAttributeServer server = new KeepAliveServer().Server;
                int n = Handle(server, requests[i], Response.Length);

                AssertBytes(new byte[] { 0x18, 0x07, 0x0B, 0x00, ZclStatus.MalformedCommand }, n);
                Assert.IsNotNull(server.LastRejection);
            }
        }

        [TestMethod]
        public void AnUnknownGeneralCommandIsUnsupported()
        {
            // Write Attributes (0x02): the hub's attributes are read-only and the command is not implemented.
            int n = Handle(new BasicServer().Server, new byte[] { 0x00, 0x21, 0x02, 0x00, 0x00, 0x20, 0x03 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x21, 0x0B, 0x02, ZclStatus.UnsupportedGeneralCommand }, n);
        }

        [TestMethod]
        public void AClusterCommandIsUnsupportedEvenWithDefaultResponseDisabled()
        {
            // Basic's Reset to Factory Defaults (0x00), which a hub must not obey from the HAN.
            int n = Handle(new BasicServer().Server, new byte[] { 0x11, 0x22, 0x00 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x22, 0x0B, 0x00, ZclStatus.UnsupportedClusterCommand }, n);
        }

        [TestMethod]
        public void AManufacturerSpecificGeneralCommandIsUnsupported()
        {
            int n = Handle(new BasicServer().Server, new byte[] { 0x04, 0x34, 0x12, 0x23, 0x00, 0x00, 0x00 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x23, 0x0B, 0x00, ZclStatus.UnsupportedManufacturerGeneralCommand }, n);
        }

        [TestMethod]
        public void DefaultResponsesClientFramesAndUnreadableHeadersGetNoAnswer()
        {
            byte[][] requests =
            {
                new byte[] { 0x00, 0x01, 0x0B, 0x00, 0x00 },
                new byte[] { 0x08, 0x01, 0x00, 0x00, 0x00 },
                new byte[] { 0x00, 0x01 },
                new byte[] { 0xE0, 0x01, 0x00, 0x00, 0x00 },
                new byte[0],
            };
            ZclAttributeServer server = new BasicServer().Server;
            for (int i = 0; i < requests.Length; i++)
            {
                Assert.AreEqual(0, Handle(server, requests[i], Response.Length), "request " + i.ToString());
            }
        }

        [TestMethod]
        public void DiscoverAttributesListsFromTheStartIdUpToTheMaximum()
        {
            int n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x31, 0x0C, 0x00, 0x00, 0x01 }, Response.Length);
            AssertBytes(new byte[] { 0x18, 0x31, 0x0D, 0x00, 0x00, 0x00, 0x20 }, n);

            n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x32, 0x0C, 0x01, 0x00, 0xFF }, Response.Length);
            AssertBytes(new byte[] { 0x18, 0x32, 0x0D, 0x01, 0x01, 0x00, 0x21 }, n);

            n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x33, 0x0C, 0x02, 0x00, 0xFF }, Response.Length);
            AssertBytes(new byte[] { 0x18, 0x33, 0x0D, 0x01 }, n);
        }

        [TestMethod]
        public void ATruncatedDiscoverAttributesIsAMalformedCommand()
        {
            int n = Handle(new KeepAliveServer().Server, new byte[] { 0x00, 0x34, 0x0C, 0x00, 0x00 }, Response.Length);

            AssertBytes(new byte[] { 0x18, 0x34, 0x0B, 0x0C, ZclStatus.MalformedCommand }, n);
        }

        [TestMethod]
        public void ConfigureReportingIsRefusedRecordByRecord()
        {
            byte[] request =
            {
                0x00, 0x41, 0x06,
                0x00, 0x01, 0x00, 0x21, 0x0A, 0x00, 0x3C, 0x00, 0x05, 0x00, // jitter, uint16 with a 2-byte reportable change
                0x01, 0x99, 0x00, 0x10, 0x0E,                               // unknown attribute, received direction
                0x00, 0x00, 0x00, 0x18, 0x01, 0x00, 0x02, 0x00,             // base, bitmap8 (discrete: no change field)
            };
            int n = Handle(new KeepAliveServer().Server, request, Response.Length);

            AssertBytes(new byte[]
            {
                0x18, 0x41, 0x07,
                ZclStatus.UnreportableAttribute, 0x00, 0x01, 0x00,
                ZclStatus.UnsupportedAttribute, 0x01, 0x99, 0x00,
                ZclStatus.UnreportableAttribute, 0x00, 0x00, 0x00,
            }, n);
        }

        [TestMethod]
        public void ABadConfigureReportingIsAMalformedCommand()
        {
            byte[][] requests =
            {
                new byte[] { 0x00, 0x42, 0x06 },
                new byte[] { 0x00, 0x42, 0x06, 0x00, 0x01, 0x00, 0x21, 0x0A, 0x00, 0x3C, 0x00, 0x05 },
                new byte[] { 0x00, 0x42, 0x06, 0x02, 0x01, 0x00, 0x10, 0x0E },
                new byte[] { 0x00, 0x42, 0x06, 0x00, 0x01, 0x00, 0x77, 0x0A, 0x00, 0x3C, 0x00 },
            };
            for (int i = 0; i < requests.Length; i++)
            {
                ZclAttributeServer server = new KeepAliveServer().Server;
                int n = Handle(server, requests[i], Response.Length);

                AssertBytes(new byte[] { 0x18, 0x42, 0x0B, 0x06, ZclStatus.MalformedCommand }, n);
                Assert.IsNotNull(server.LastRejection, "request " + i.ToString());
            }
        }

        [TestMethod]
        public void RandomFramesNeverThrowAndNeverOverrunTheCapacity()
        {
            ZclAttributeServer server = new BasicServer().Server;
            byte[] frame = new byte[24];
            uint state = 12345;
            for (int round = 0; round < 300; round++)
            {
                int length = (int)(state % 25);
                for (int i = 0; i < frame.Length; i++)
                {
                    state = (state * 1103515245) + 12345;
                    frame[i] = (byte)(state >> 16);
                }

                // Mostly client-to-server global commands so the attribute paths are reached.
                frame[0] = (byte)(frame[0] & 0x05);
                frame[2] = (byte)(frame[2] % 0x0E);
                int capacity = 5 + (round % 40);
                for (int i = 0; i < Response.Length; i++)
                {
                    Response[i] = 0xEE;
                }

                int n = server.Handle(frame, 0, length, Response, 0, capacity);
                Assert.IsTrue(n <= capacity, "response of " + n.ToString() + " bytes for capacity " + capacity.ToString());
                Assert.AreEqual((byte)0xEE, Response[capacity]);
            }
        }

        private static int Handle(ZclAttributeServer server, byte[] request, int capacity)
        {
            return server.Handle(request, 0, request.Length, Response, 0, capacity);
        }

        private static void AssertBytes(byte[] expected, int length)
        {
            Assert.AreEqual(expected.Length, length, "response length");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], Response[i], "byte " + i.ToString());
            }
        }
    }
}
