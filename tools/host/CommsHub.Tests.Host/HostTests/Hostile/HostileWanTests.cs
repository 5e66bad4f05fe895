using System;
using System.Collections.Generic;
using System.IO;
using CommsHub.Cli.Wan;
using CommsHub.Crypto;
using CommsHub.Hub;
using CommsHub.Platform;
using CommsHub.Tests.HostTests.Storage;
using CommsHub.Tests.HostTests.Wan;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan.Link;
using CommsHub.Wan.Messages;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>Bytes from the WAN line that once crashed the hub or the head-end, or grew the hub's heap (issue 11).</summary>
    [TestClass]
    public class HostileWanTests
    {
        [TestMethod]
        public void LineNoiseThatDecodesLongerThanAnyFrameIsRejectedByTheHub()
        {
            var rig = new HubOnLine();
            rig.ToHub(Noise());

            // The link reads only as much as a turn's budget allows: a few turns take the whole noise.
            for (int turn = 0; turn < 20 && rig.Hub.Wan.Link.FramesRejected == 0; turn++)
            {
                rig.Hub.Poll();
            }

            Assert.AreEqual(1, rig.Hub.Wan.Link.FramesRejected);
            Assert.AreEqual(rig.Hub.Identity.Value, rig.HeadEnd.GetIdentity().Eui, "the hub's link still works");
        }

        [TestMethod]
        public void LineNoiseThatDecodesLongerThanAnyFrameIsRejectedByTheHeadEnd()
        {
            var rig = new HubOnLine();
            rig.ToHeadEnd(Noise());
            rig.HeadEnd.Service();
            Assert.AreEqual(rig.Hub.Identity.Value, rig.HeadEnd.GetIdentity().Eui, "the head-end's link still works");
        }

        [TestMethod]
        public void CobsRefusesToWritePastItsTarget()
        {
            byte[] noise = Noise();
            Assert.AreEqual(-1, Cobs.Decode(noise, 0, noise.Length - 1, new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload], 0));
            byte[] target = new byte[4];
            Assert.AreEqual(-1, Cobs.Decode(new byte[] { 0x06, 1, 2, 3, 4, 5 }, 0, 6, target, 0));
            Assert.AreEqual(3, Cobs.Decode(new byte[] { 0x04, 1, 2, 3 }, 0, 4, new byte[3], 0), "a frame that just fits still decodes");

            // The largest real frame, with and without zeros, still decodes into a buffer of exactly its size.
            var random = new Random(5);
            foreach (bool zeros in new[] { false, true })
            {
                byte[] frame = new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload];
                random.NextBytes(frame);
                for (int i = 0; i < frame.Length; i++)
                {
                    frame[i] = zeros ? (i % 97 == 0 ? (byte)0 : frame[i]) : (byte)(frame[i] | 1);
                }

                byte[] wire = new byte[Cobs.MaximumEncodedLength(frame.Length)];
                int n = Cobs.Encode(frame, 0, frame.Length, wire, 0);
                byte[] back = new byte[frame.Length];
                Assert.AreEqual(frame.Length, Cobs.Decode(wire, 0, n, back, 0));
                Assert.IsTrue(back.AsSpan().SequenceEqual(frame));
            }
        }

        [TestMethod]
        public void ASetTimeBeyondTheClocksRangeIsRefusedWithAReasonAndTheClockKept()
        {
            var rig = new HubOnLine();
            Assert.AreEqual("ok", rig.HeadEnd.SetTime(StoreRig.Start));
            DateTime before = rig.Clock.UtcNow;
            foreach (ulong seconds in new ulong[] { 253402300800, 253402300799, ClockRangePolicy.FirstRefusedUnixSeconds, ulong.MaxValue })
            {
                var raw = new RawHeadEnd(rig);
                var w = new WanBuffer(16);
                w.Start(WanMessageType.SetTime, 77);
                w.U64(seconds);
                var reply = raw.Ask(w.Bytes, w.Position);
                Assert.AreEqual(WanMessageType.Ack, reply[0]);
                Assert.AreEqual(1, (int)reply[3], "refused");
                var r = new WanBuffer(0);
                r.Wrap(reply, 4, reply.Length - 4);
                string reason = r.ReadText();
                Assert.IsTrue(reason.Contains(seconds.ToString()) && reason.Contains("2100"), reason);
            }

            Assert.IsTrue(Math.Abs((rig.Clock.UtcNow - before).TotalMinutes) < 5, "a refused time left the clock alone");
            Assert.IsTrue(rig.Hub.Store.ClockTrusted);
            Assert.AreEqual("ok", rig.HeadEnd.SetTime(new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Utc)), "the last accepted second");
        }

        [TestMethod]
        public void TwentyThousandRequestsFromAHeadEndThatNeverAcknowledgesLeaveABoundedBacklog()
        {
            var rig = new HubOnLine();
            var w = new WanBuffer(16);
            for (int i = 0; i < 20000; i++)
            {
                w.Start(WanMessageType.GetIdentity, (ushort)i);
                rig.ToHub(RawHeadEnd.DataFrame(0x5EED, (ushort)i, w.Bytes, w.Position));
                rig.Hub.Poll();
                rig.DropHubOutput();
            }

            Assert.AreEqual(WanServiceLimits.PendingReplies, rig.Hub.Wan.PendingReplies);
            // What the link window took, what waits for it, and the rest dropped and counted.
            Assert.AreEqual(20000 - new LinkSettings().Window - WanServiceLimits.PendingReplies, rig.Hub.Wan.RepliesDropped);
        }

        [TestMethod]
        public void TheDeviceLogHasAFixedCapacityAndAFullLogRefusesInWords()
        {
            var rig = new HubOnLine();
            byte[] code = new byte[16];
            int capacity = CommsHub.Wan.DeviceLogPolicy.Capacity;
            for (int i = 0; i < capacity; i++)
            {
                Assert.AreEqual("ok", rig.HeadEnd.AddDevice(0x00DB000000000000UL + (ulong)i, 0, code));
            }

            string refused = rig.HeadEnd.AddDevice(0x00DB0000000000FFUL, 0, code);
            Assert.IsTrue(refused.StartsWith("refused: the device log is full (" + capacity + " entries)"), refused);
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(0x00DB000000000003UL, 1, code), "replacing an entry needs no room");
            Assert.AreEqual("ok", rig.HeadEnd.RemoveDevice(0x00DB000000000000UL));
            Assert.AreEqual("ok", rig.HeadEnd.AddDevice(0x00DB0000000000FFUL, 0, code));

            // 20,000 adds straight into the service: the log never grows past its capacity and counts each refusal.
            var log = rig.Hub.Wan.DeviceLog;
            for (int i = 0; i < 20000; i++)
            {
                log.AddOrReplace(new CommsHub.Wan.DeviceLogEntry { Device = 0x1000000UL + (ulong)i, Kind = 0, InstallCode = code });
            }

            Assert.AreEqual(capacity, log.Count);
            Assert.AreEqual(1 + 20000, log.Refused);
            var status = rig.HeadEnd.GetStatus();
            Assert.AreEqual(20001L, status.DeviceLogRefused);
        }

        [TestMethod]
        public void AStatusWithAHugeClockFieldReadsAndPrints()
        {
            var w = new WanBuffer(64);
            w.Start(WanMessageType.Status, 1);
            w.U64(ulong.MaxValue);
            w.U8(1);
            w.U16(0);
            w.U8(0);
            w.U8(0);
            var r = new WanBuffer(0);
            r.Wrap(w.Bytes, 3, w.Position - 3);
            var status = HubStatus.Read(r);
            var text = new StringWriter();
            status.Write(text);
            Assert.IsTrue(text.ToString().Contains("out of range (18446744073709551615 s after 1970)"), text.ToString());
        }

        [TestMethod]
        public void AnUnsolicitedFirmwareActivatedWithBadFieldsIsReportedNotThrown()
        {
            var rig = new HubOnLine();
            var w = new WanBuffer(64);
            w.Start(WanMessageType.FirmwareActivated, 0);
            w.Eui(rig.Hub.Identity.Value);
            w.U64(ulong.MaxValue);
            w.U32(0x01020304);
            rig.HeadEnd.PayloadReceived(w.Bytes, 0, w.Position);
            rig.HeadEnd.PayloadReceived(w.Bytes, 0, 10);
            Assert.IsTrue(rig.HeadEnd.Reports[0].Contains("impossible time (18446744073709551615 s after 1970)"), rig.HeadEnd.Reports[0]);
            Assert.IsTrue(rig.HeadEnd.Reports[1].StartsWith("malformed FirmwareActivated"), rig.HeadEnd.Reports[1]);
            Assert.AreEqual(rig.Hub.Identity.Value, rig.HeadEnd.GetIdentity().Eui);
        }

        /// <summary>Byte 01 repeated 1,037 times, then 00: decodes to 1,036 zero bytes.</summary>
        private static byte[] Noise()
        {
            byte[] noise = new byte[1038];
            for (int i = 0; i < 1037; i++)
            {
                noise[i] = 0x01;
            }

            return noise;
        }
    }

    /// <summary>The figures the tests expect from the WAN service, named once.</summary>
    internal static class WanServiceLimits
    {
        public const int PendingReplies = CommsHub.Wan.WanService.MaximumPendingReplies;
    }

    /// <summary>A booted hub and the head-end tool on a clean line in virtual time, with ways to put raw bytes on it.</summary>
    public sealed class HubOnLine
    {
        private readonly LineEnd _hubEnd = new LineEnd();
        private readonly LineEnd _headEndEnd = new LineEnd();
        private readonly FaultyLine _line = new FaultyLine(0);

        public HubOnLine(NorFlashEmulator chip = null)
        {
            Chip = chip ?? new NorFlashEmulator(0x16);
            Clock = new VirtualClock(StoreRig.Start);
            Boot();
            HeadEnd = new HeadEnd(_headEndEnd, Clock, Pump, AlertLedger.InMemory());
        }

        public NorFlashEmulator Chip { get; }

        public VirtualClock Clock { get; }

        public HubFirmware Hub { get; private set; }

        public HeadEnd HeadEnd { get; }

        public void Boot()
        {
            _hubEnd.Inbound.Clear();
            _hubEnd.Outbound.Clear();
            Hub = new HubFirmware(new HubHardware("hostile bench", Chip, Clock, _hubEnd) { Entropy = new HostEntropy() });
            Hub.Boot();
        }

        public void ToHub(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _hubEnd.Inbound.Enqueue(b);
            }
        }

        public void ToHeadEnd(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _headEndEnd.Inbound.Enqueue(b);
            }
        }

        public byte[] TakeHubOutput()
        {
            byte[] bytes = _hubEnd.Outbound.ToArray();
            _hubEnd.Outbound.Clear();
            return bytes;
        }

        public void DropHubOutput() => _hubEnd.Outbound.Clear();

        public void Pump()
        {
            _line.Carry(_headEndEnd, _hubEnd);
            Hub.Poll();
            _line.Carry(_hubEnd, _headEndEnd);
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>A head-end written by hand: link frames built byte by byte, replies read from the hub's output.</summary>
    public sealed class RawHeadEnd
    {
        private static int _nextEpoch = 0x7000;
        private readonly HubOnLine _rig;
        private readonly uint _epoch;
        private ushort _sequence;

        public RawHeadEnd(HubOnLine rig)
        {
            _rig = rig;
            _epoch = (uint)System.Threading.Interlocked.Increment(ref _nextEpoch);
        }

        /// <summary>Sends one message and returns the first reply payload the hub sends back.</summary>
        public byte[] Ask(byte[] message, int count)
        {
            _rig.ToHub(DataFrame(_epoch, _sequence++, message, count));
            _rig.Hub.Poll();
            foreach (var payload in Payloads(_rig.TakeHubOutput()))
            {
                return payload;
            }

            throw new InvalidOperationException("the hub sent no reply");
        }

        public static byte[] DataFrame(uint epoch, ushort sequence, byte[] payload, int count)
        {
            byte[] frame = new byte[LinkFrame.Overhead + count];
            frame[0] = LinkFrame.Data;
            LittleEndian.PutU32(frame, 1, epoch);
            frame[5] = (byte)sequence;
            frame[6] = (byte)(sequence >> 8);
            Array.Copy(payload, 0, frame, LinkFrame.HeaderLength, count);
            LittleEndian.PutU32(frame, LinkFrame.HeaderLength + count, Crc32.Compute(frame, 0, LinkFrame.HeaderLength + count));
            byte[] wire = new byte[Cobs.MaximumEncodedLength(frame.Length) + 1];
            int n = Cobs.Encode(frame, 0, frame.Length, wire, 0);
            Array.Resize(ref wire, n + 1);
            return wire;
        }

        /// <summary>The message payloads of the DATA frames in a stretch of wire bytes.</summary>
        public static IEnumerable<byte[]> Payloads(byte[] wire)
        {
            int start = 0;
            byte[] frame = new byte[LinkFrame.Overhead + LinkFrame.MaximumPayload];
            for (int i = 0; i < wire.Length; i++)
            {
                if (wire[i] != 0)
                {
                    continue;
                }

                int n = Cobs.Decode(wire, start, i - start, frame, 0);
                start = i + 1;
                if (n > LinkFrame.Overhead && frame[0] == LinkFrame.Data)
                {
                    byte[] payload = new byte[n - LinkFrame.Overhead];
                    Array.Copy(frame, LinkFrame.HeaderLength, payload, 0, payload.Length);
                    yield return payload;
                }
            }
        }
    }
}
