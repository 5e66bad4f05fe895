using System.Collections;
using CommsHub.Ota.Files;
using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Tests.Clusters.KeyEstablishment;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Ota
{
    /// <summary>
    /// Image Page Request spacing: the floor is the channel time of one Image Block Response, worked out here from
    /// the IEEE 802.15.4 O-QPSK numbers and the Zigbee header sizes rather than from the stack's constants.
    /// </summary>
    [TestClass]
    public class PageSpacingTests
    {
        private const ulong Device = 0x00DB1234567890A4;
        private const ushort Manufacturer = 0x1234;
        private const ushort ImageType = 0x0001;
        private const uint FileVersion = 0x0123ABCD;

        /// <summary>What a NWK-secured frame to a neighbour without APS security leaves for APS payload.</summary>
        private const int NwkSecuredCapacity = 82;

        [TestMethod]
        [DataRow(false, 0, 65)]
        [DataRow(false, 0, 64)]
        [DataRow(false, 0, 10)]
        [DataRow(true, 0, 56)]
        [DataRow(false, 3, 50)]
        [DataRow(true, 5, 44)]
        public void TheFloorIsTheChannelTimeOfOneBlockResponse(bool apsSecurity, int relays, int block)
        {
            int headers = MacHeaderAndFcs() + NwkHeaderAndSecurity(relays) + ApsHeaderAndSecurity(apsSecurity);
            int capacity = 127 - headers;

            Assert.AreEqual(AirtimeMicroseconds(headers + 3 + 14 + block), PageSpacingPolicy.FloorMicroseconds(capacity, block));
        }

        [TestMethod]
        public void AFullFrameTakesAboutSixMillisecondsNotTwenty()
        {
            // 127 octets: 3.5 backoffs of 320 µs, CCA 128, turnaround 192; 133 octets of PHY frame; turnaround and an 11-octet ack.
            Assert.AreEqual(1120 + 128 + 192 + 4256 + 192 + 352, PageSpacingPolicy.FloorMicroseconds(NwkSecuredCapacity, 65));
        }

        [TestMethod]
        public void AClientAskingZeroGetsTheFloor()
        {
            long[] sent = ServePage(0, 64, 1024);
            int floor = AirtimeMicroseconds(127 - NwkSecuredCapacity + 3 + 14 + 64);

            Assert.AreEqual(16, sent.Length);
            for (int k = 1; k < sent.Length; k++)
            {
                Assert.AreEqual(((k * (long)floor) + 999) / 1000, sent[k] - sent[0], "block " + k.ToString());
            }
        }

        [TestMethod]
        public void AClientAskingLessThanTheFloorGetsTheFloor()
        {
            long[] asked = ServePage(3, 64, 1024);
            long[] zero = ServePage(0, 64, 1024);

            Assert.AreEqual(zero.Length, asked.Length);
            Assert.AreEqual(zero[zero.Length - 1] - zero[0], asked[asked.Length - 1] - asked[0]);
        }

        [TestMethod]
        [DataRow(7, 7)]
        [DataRow(50, 50)]
        [DataRow(2000, 2000)]
        [DataRow(60000, 2000)]
        public void AClientAskingMoreGetsWhatItAskedUpToTheMaximum(int requested, int expected)
        {
            long[] sent = ServePage(requested, 64, 256);

            Assert.AreEqual(4, sent.Length);
            for (int k = 1; k < sent.Length; k++)
            {
                Assert.AreEqual((long)expected, sent[k] - sent[k - 1]);
            }
        }

        [TestMethod]
        public void AMainLoopThatTurnsOnlyEveryTenMillisecondsStillKeepsNearTheFloor()
        {
            ManualClock clock = new ManualClock();
            Recorder sender = new Recorder(clock);
            OtaServer server = Server(clock, sender);
            long start = clock.MonotonicMilliseconds;
            byte[] request = PageRequest(0, 64, 2048);
            server.Receive(Device, request, 0, request.Length, NwkSecuredCapacity);
            int mostInOneTurn = 1;
            while (clock.MonotonicMilliseconds - start < 1000)
            {
                clock.Advance(10);
                int before = sender.Times.Count;
                clock.RunDueTimers();
                int inTurn = sender.Times.Count - before;
                mostInOneTurn = inTurn > mostInOneTurn ? inTurn : mostInOneTurn;
            }

            long last = (long)sender.Times[sender.Times.Count - 1] - start;
            int floor = PageSpacingPolicy.FloorMicroseconds(NwkSecuredCapacity, 64);

            Assert.AreEqual(32, sender.Times.Count);
            Assert.IsTrue(mostInOneTurn <= 2, "a late timer sent " + mostInOneTurn.ToString() + " blocks at once");
            Assert.IsTrue(last * 1000 <= (31L * floor * 11 / 10) + 10000, "32 blocks took " + last.ToString() + " ms");
        }

        /// <summary>Data, short addresses both ends, PAN id compression: control 2, sequence 1, PAN id 2, addresses 4; FCS 2.</summary>
        private static int MacHeaderAndFcs()
        {
            return 2 + 1 + 2 + 2 + 2 + 2;
        }

        /// <summary>Control 2, addresses 4, radius 1, sequence 1; aux header 1 + 4 + 8 + 1 and a 4-octet MIC; the source route.</summary>
        private static int NwkHeaderAndSecurity(int relays)
        {
            return 8 + 14 + 4 + (relays > 0 ? 2 + (2 * relays) : 0);
        }

        /// <summary>Control 1, endpoints 2, cluster 2, profile 2, counter 1; link-key aux header 1 + 4 and a 4-octet MIC.</summary>
        private static int ApsHeaderAndSecurity(bool secured)
        {
            return 8 + (secured ? 5 + 4 : 0);
        }

        /// <summary>IEEE 802.15.4-2006, 2.4 GHz O-QPSK: 16 µs symbols, two per octet.</summary>
        private static int AirtimeMicroseconds(int psdu)
        {
            int csma = ((7 * 20 * 16) / 2) + (8 * 16) + (12 * 16);
            int frame = (4 + 1 + 1 + psdu) * 32;
            int acknowledgment = (12 * 16) + ((4 + 1 + 1 + 5) * 32);
            return csma + frame + acknowledgment;
        }

        private static long[] ServePage(int spacing, int maximumData, int pageSize)
        {
            ManualClock clock = new ManualClock();
            Recorder sender = new Recorder(clock);
            OtaServer server = Server(clock, sender);
            byte[] request = PageRequest((ushort)spacing, (byte)maximumData, (ushort)pageSize);
            server.Receive(Device, request, 0, request.Length, NwkSecuredCapacity);
            for (int ms = 0; ms < 20000; ms++)
            {
                clock.Advance(1);
                clock.RunDueTimers();
            }

            long[] times = new long[sender.Times.Count];
            for (int i = 0; i < times.Length; i++)
            {
                times[i] = (long)sender.Times[i];
            }

            return times;
        }

        private static OtaServer Server(IClock clock, Recorder sender)
        {
            OtaOffer offer = new OtaOffer(OtaFileParser.Parse(new ByteArrayImageSource(OtaFile(4000))), OtaDeviceKind.Ppmid);
            return new OtaServer(new OneOffer(offer), sender, clock, new OtaServerSettings());
        }

        private static byte[] PageRequest(ushort spacing, byte maximumData, ushort pageSize)
        {
            byte[] f = new byte[3 + 18];
            f[0] = 0x01;
            f[1] = 0x42;
            f[2] = 0x04;
            f[3] = 0x00;
            LittleEndian.PutU16(f, 4, Manufacturer);
            LittleEndian.PutU16(f, 6, ImageType);
            LittleEndian.PutU32(f, 8, FileVersion);
            LittleEndian.PutU32(f, 12, 0);
            f[16] = maximumData;
            LittleEndian.PutU16(f, 17, pageSize);
            LittleEndian.PutU16(f, 19, spacing);
            return f;
        }

        /// <summary>A minimal OTA file: 56-byte header and one upgrade image sub-element.</summary>
        private static byte[] OtaFile(int total)
        {
            byte[] f = new byte[total];
            LittleEndian.PutU32(f, 0, 0x0BEEF11E);
            LittleEndian.PutU16(f, 4, 0x0100);
            LittleEndian.PutU16(f, 6, 56);
            LittleEndian.PutU16(f, 8, 0);
            LittleEndian.PutU16(f, 10, Manufacturer);
            LittleEndian.PutU16(f, 12, ImageType);
            LittleEndian.PutU32(f, 14, FileVersion);
            LittleEndian.PutU16(f, 18, 2);
            for (int i = 20; i < 52; i++)
            {
                f[i] = (byte)'x';
            }

            LittleEndian.PutU32(f, 52, (uint)total);
            LittleEndian.PutU16(f, 56, 0x0000);
            LittleEndian.PutU32(f, 58, (uint)(total - 62));
            for (int i = 62; i < total; i++)
            {
                f[i] = (byte)i;
            }

            return f;
        }

        private sealed class Recorder : IZclSender
        {
            private readonly IClock _clock;

            public Recorder(IClock clock)
            {
                _clock = clock;
            }

            public readonly ArrayList Times = new ArrayList();

            public void Send(ulong destination, byte[] frame, int offset, int length)
            {
                // Only successful Image Block Responses: cluster-specific, command 0x05, status SUCCESS.
                if (frame[offset + 2] == 0x05 && frame[offset + 3] == 0x00)
                {
                    Times.Add(_clock.MonotonicMilliseconds);
                }
            }
        }

        private sealed class OneOffer : IOtaImagePolicy
        {
            private readonly OtaOffer _offer;

            public OneOffer(OtaOffer offer)
            {
                _offer = offer;
            }

            public OtaOffer OfferFor(ulong device)
            {
                return device == Device ? _offer : null;
            }

            public void QueryNextImage(ulong device, uint currentFileVersion, bool hasHardwareVersion, ushort hardwareVersion, byte answer)
            {
            }

            public void HardwareMismatch(ulong device, OtaOffer offer, ushort hardwareVersion)
            {
            }

            public void BlockServed(ulong device, OtaOffer offer, uint offset, int size, bool firstOfDownload)
            {
            }

            public bool UpgradeEnded(ulong device, OtaOffer offer, byte status, bool downloadSeen)
            {
                return downloadSeen;
            }
        }
    }
}
