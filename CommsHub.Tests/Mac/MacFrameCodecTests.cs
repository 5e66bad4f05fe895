using System;
using CommsHub.Mac;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Mac
{
    [TestClass]
    public class MacFrameCodecTests
    {
        [TestMethod]
        public void EveryAddressingCombinationRoundTrips()
        {
            int[] modes = { MacAddressMode.None, MacAddressMode.Short, MacAddressMode.Extended };
            byte[] payload = { 0xDE, 0xAD, 0xBE, 0xEF };
            byte[] buffer = new byte[127];
            MacFrame decoded = new MacFrame();
            foreach (int destinationMode in modes)
            {
                foreach (int sourceMode in modes)
                {
                    if (destinationMode == MacAddressMode.None && sourceMode == MacAddressMode.None)
                    {
                        continue;
                    }

                    for (int compress = 0; compress < 2; compress++)
                    {
                        bool compression = compress == 1;
                        if (compression && (destinationMode == MacAddressMode.None || sourceMode == MacAddressMode.None))
                        {
                            continue;
                        }

                        MacFrame frame = new MacFrame();
                        frame.FrameType = MacFrameType.Data;
                        frame.AckRequest = true;
                        frame.PanIdCompression = compression;
                        frame.Sequence = 0x5A;
                        frame.DestinationPanId = 0x1A62;
                        frame.SourcePanId = compression ? (ushort)0x1A62 : (ushort)0xBEEF;
                        frame.Destination = Address(destinationMode, 0x1234, 0x0011223344556677UL);
                        frame.Source = Address(sourceMode, 0xABCD, 0x8899AABBCCDDEEFFUL);
                        frame.Payload = payload;
                        frame.PayloadLength = payload.Length;

                        int length = MacFrameCodec.Encode(frame, buffer, 0);
                        Assert.AreEqual(MacFrameCodec.EncodedLength(frame), length);
                        Assert.IsNull(MacFrameCodec.Decode(buffer, 0, length, decoded));
                        Assert.IsTrue(decoded.Destination.SameAs(frame.Destination));
                        Assert.IsTrue(decoded.Source.SameAs(frame.Source));
                        Assert.AreEqual(frame.PanIdCompression, decoded.PanIdCompression);
                        Assert.AreEqual((int)frame.Sequence, (int)decoded.Sequence);
                        if (destinationMode != MacAddressMode.None)
                        {
                            Assert.AreEqual((int)frame.DestinationPanId, (int)decoded.DestinationPanId);
                        }

                        if (sourceMode != MacAddressMode.None)
                        {
                            Assert.AreEqual((int)frame.SourcePanId, (int)decoded.SourcePanId);
                        }

                        Assert.AreEqual(4, decoded.PayloadLength);
                        Assert.AreEqual(0xEF, (int)decoded.PayloadAt(3));
                    }
                }
            }
        }

        [TestMethod]
        public void DataRequestCommandKeepsItsIdentifierApartFromThePayload()
        {
            byte[] frame = { 0x63, 0xC8, 0x07, 0x62, 0x1A, 0x00, 0x00, 0xC4, 0xB3, 0xA2, 0x01, 0x00, 0x4B, 0x12, 0x00, 0x04 };
            MacFrame decoded = new MacFrame();
            Assert.IsNull(MacFrameCodec.Decode(frame, 0, frame.Length, decoded));
            Assert.AreEqual(MacFrameType.Command, decoded.FrameType);
            Assert.AreEqual((int)MacCommandId.DataRequest, (int)decoded.CommandId);
            Assert.AreEqual(0, decoded.PayloadLength);
            Assert.AreEqual(0x00124B0001A2B3C4UL, decoded.Source.Extended);
        }

        [TestMethod]
        [DataRow("0200", "shorter than 3")]
        [DataRow("020007AA", "acknowledgment: 4 bytes")]
        [DataRow("070001", "frame type: 7 is reserved")]
        [DataRow("41880162", "destination PAN identifier: truncated")]
        [DataRow("4188016210", "destination address: truncated")]
        [DataRow("41C8016210FFFF", "source address: truncated")]
        [DataRow("01C8016210FFFF", "source PAN identifier: truncated")]
        [DataRow("4108016210FFFF", "PAN ID compression")]
        [DataRow("010401", "destination addressing mode: 1 is reserved")]
        [DataRow("0148016210FFFF", "source addressing mode: 1 is reserved")]
        [DataRow("0908016210FFFF", "security enabled")]
        [DataRow("0128016210FFFF", "frame version: 2")]
        [DataRow("0308016210FFFF", "command frame identifier: missing")]
        [DataRow("0008016210FFFF", "beacon must carry its source address")]
        [DataRow("010001", "needs at least one address")]
        public void HostileFramesAreRefusedNamingTheField(string hex, string expected)
        {
            byte[] bytes = FromHex(hex);
            string failure = MacFrameCodec.Decode(bytes, 0, bytes.Length, new MacFrame());
            Assert.IsNotNull(failure, hex + " decoded");
            Assert.IsTrue(failure.IndexOf(expected) >= 0, hex + ": '" + failure + "' does not name '" + expected + "'");
        }

        [TestMethod]
        public void RandomBytesNeverThrow()
        {
            Random random = new Random(802154);
            byte[] bytes = new byte[130];
            MacFrame frame = new MacFrame();
            for (int i = 0; i < 3000; i++)
            {
                random.NextBytes(bytes);
                int length = random.Next(130);
                string failure = MacFrameCodec.Decode(bytes, 0, length, frame);
                if (failure == null)
                {
                    Assert.IsTrue(frame.PayloadOffset + frame.PayloadLength <= length);
                }
            }
        }

        [TestMethod]
        public void ZigbeeBeaconRoundTripsWithPermitJoin()
        {
            ZigbeeBeacon beacon = new ZigbeeBeacon();
            beacon.AssociationPermit = true;
            beacon.PanCoordinator = true;
            beacon.RouterCapacity = true;
            beacon.EndDeviceCapacity = true;
            beacon.ExtendedPanId = 0x00124B0001A2B3C4UL;
            byte[] buffer = new byte[ZigbeeBeacon.Length];
            beacon.Encode(buffer, 0);
            Assert.AreEqual(0xFF, (int)buffer[0]);
            Assert.AreEqual(0xCF, (int)buffer[1]);
            ZigbeeBeacon decoded = new ZigbeeBeacon();
            Assert.IsNull(decoded.Decode(buffer, 0, buffer.Length));
            Assert.IsTrue(decoded.AssociationPermit);
            Assert.AreEqual(0x00124B0001A2B3C4UL, decoded.ExtendedPanId);
            Assert.IsNotNull(decoded.Decode(buffer, 0, 10));
        }

        private static int Nibble(char c)
        {
            return c <= '9' ? c - '0' : (c & 0xDF) - 'A' + 10;
        }

        private static MacAddress Address(int mode, ushort shortAddress, ulong extended)
        {
            if (mode == MacAddressMode.Short)
            {
                return MacAddress.FromShort(shortAddress);
            }

            return mode == MacAddressMode.Extended ? MacAddress.FromExtended(extended) : MacAddress.None();
        }

        private static byte[] FromHex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return bytes;
        }
    }
}
