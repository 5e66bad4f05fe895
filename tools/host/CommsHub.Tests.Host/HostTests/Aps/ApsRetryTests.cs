using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Aps
{
    /// <summary>
    /// Acked sends on the hub's real stack: a frame that asks for an APS ack is kept, sent again after
    /// apsAckWaitDuration (longer for a sleepy child) up to apsMaxFrameRetries times, each time secured afresh, and
    /// confirmed when the matching ack arrives or given up with NO_ACK; a full table refuses cleanly.
    /// </summary>
    [TestClass]
    public class ApsRetryTests
    {
        private static readonly byte[] Zcl = { 0x19, 0x05, 0x02, 0x98 };

        private static int Send(ApsRig rig, bool secured, ushort cluster = 0x0019)
        {
            byte[] buffer = new byte[ApsLayer.HeaderRoom + Zcl.Length + ApsLayer.MicRoom];
            Zcl.CopyTo(buffer, ApsLayer.HeaderRoom);
            return rig.Aps.SendData(rig.Device.ShortAddress, 1, cluster, 0x0109, 1, buffer, ApsLayer.HeaderRoom, Zcl.Length, true, secured);
        }

        [TestMethod]
        public void AnUnackedFrameGoesFourTimesAtTheAckWaitAndIsConfirmedNoAck()
        {
            var rig = new ApsRig();
            var confirms = new List<(ushort, byte, int)>();
            rig.Aps.DataConfirm += (d, c, s) => confirms.Add((d, c, s));
            Assert.IsTrue(Send(rig, true) > 0);
            byte counter = rig.Aps.LastCounter;
            Assert.AreEqual(1, rig.Aps.FramesInFlight);

            rig.Advance(ApsAckPolicy.WaitMilliseconds - 100);
            Assert.AreEqual(1, rig.Device.ReceivedData.Count, "a retry came before apsAckWaitDuration");
            rig.Advance(200);
            Assert.AreEqual(2, rig.Device.ReceivedData.Count, "no retry after apsAckWaitDuration");
            rig.Advance(2 * ApsAckPolicy.WaitMilliseconds);
            Assert.AreEqual(1 + ApsAckPolicy.MaxFrameRetries, rig.Device.ReceivedData.Count);
            Assert.AreEqual(0, confirms.Count, "given up before the last retry's wait");
            rig.Advance(ApsAckPolicy.WaitMilliseconds + 100);
            Assert.AreEqual(1 + ApsAckPolicy.MaxFrameRetries, rig.Device.ReceivedData.Count);
            Assert.AreEqual(1, confirms.Count);
            Assert.AreEqual((rig.Device.ShortAddress, counter, ApsStatus.NoAck), confirms[0]);
            Assert.AreEqual(ApsAckPolicy.MaxFrameRetries, rig.Aps.Retransmissions);
            Assert.AreEqual(1, rig.Aps.NoAckFailures);
            Assert.AreEqual(0, rig.Aps.FramesInFlight);

            // Every copy carries the same APS counter under a new APS frame counter, and decrypts.
            var frameCounters = new HashSet<uint>();
            foreach (byte[] nwk in rig.Device.ReceivedData)
            {
                var (n, a, frame) = rig.Open(nwk);
                Assert.AreEqual(counter, a.Counter);
                Assert.IsTrue(a.AckRequest);
                Assert.IsTrue(frameCounters.Add(a.Auxiliary.FrameCounter), "a retry reused an APS frame counter");
                Assert.IsNull(rig.OpenAps(n, a, frame));
                Assert.AreEqual(Convert.ToHexString(Zcl), Convert.ToHexString(frame, a.PayloadOffset, a.PayloadLength));
            }

            Assert.AreEqual(4, rig.TsharkAll("zbee_zcl.cmd.tsn").Count(f => f[0] == "5"));
        }

        [TestMethod]
        public void TheMatchingSecuredAckConfirmsAndStopsTheRetriesWhileOthersDoNot()
        {
            var rig = new ApsRig();
            var confirms = new List<int>();
            rig.Aps.DataConfirm += (d, c, s) => confirms.Add(s);
            Assert.IsTrue(Send(rig, true) > 0);
            byte counter = rig.Aps.LastCounter;
            rig.Advance(50);

            // Wrong counter, wrong cluster, and the right ack without APS security: none confirms a secured frame.
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), (byte)(counter + 1), 1, frameType: ApsFrameType.Ack));
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), counter, 2, frameType: ApsFrameType.Ack, cluster: 0x0020));
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), counter, 0, keyId: -1, frameType: ApsFrameType.Ack));
            Assert.AreEqual(3, rig.Aps.AcksUnmatched);
            Assert.AreEqual(0, confirms.Count);

            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), counter, 3, frameType: ApsFrameType.Ack));
            Assert.AreEqual(1, confirms.Count, rig.Aps.LastDrop);
            Assert.AreEqual(ApsStatus.Success, confirms[0]);
            Assert.AreEqual(1, rig.Aps.Confirmed);
            rig.Advance(3 * ApsAckPolicy.WaitMilliseconds);
            Assert.AreEqual(1, rig.Device.ReceivedData.Count, "retried after its ack");
            Assert.AreEqual(0, rig.Aps.Retransmissions);

            // A second ack of the same frame changes nothing.
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), counter, 4, frameType: ApsFrameType.Ack));
            Assert.AreEqual(1, confirms.Count);
        }

        [TestMethod]
        public void AnUnsecuredFrameIsConfirmedByAnUnsecuredAck()
        {
            var rig = new ApsRig();
            bool confirmed = false;
            rig.Aps.DataConfirm += (d, c, s) => confirmed = s == ApsStatus.Success;
            Assert.IsTrue(Send(rig, false) > 0);
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), rig.Aps.LastCounter, 0, keyId: -1, frameType: ApsFrameType.Ack));
            Assert.IsTrue(confirmed);
        }

        [TestMethod]
        public void ASleepyChildGetsTheLongerWaitBeforeARetry()
        {
            var rig = new ApsRig(sleepy: true);
            Assert.IsTrue(ApsAckPolicy.SleepyWaitMilliseconds > ApsAckPolicy.WaitMilliseconds);
            Assert.IsTrue(Send(rig, true) > 0);
            rig.Advance(ApsAckPolicy.SleepyWaitMilliseconds - 100);
            Assert.AreEqual(0, rig.Aps.Retransmissions, "retried a sleepy child at the rx-on wait");
            rig.Advance(200);
            Assert.AreEqual(1, rig.Aps.Retransmissions);
        }

        [TestMethod]
        public void AFullTableRefusesCleanlyAndTakesFramesAgainOnceOneIsConfirmed()
        {
            var rig = new ApsRig();
            for (int i = 0; i < ApsAckPolicy.FramesInFlight; i++)
            {
                Assert.IsTrue(Send(rig, true) > 0, "send " + i);
            }

            byte last = rig.Aps.LastCounter;
            Assert.AreEqual(ApsLayer.SendBusy, Send(rig, true));
            Assert.AreEqual(last, rig.Aps.LastCounter, "a refused send used an APS counter");

            // Unacked sends are not kept, so they still go.
            byte[] buffer = new byte[ApsLayer.HeaderRoom + Zcl.Length + ApsLayer.MicRoom];
            Assert.IsTrue(rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, Zcl.Length, false, true) > 0);

            rig.Advance(20);
            rig.DeviceSends(rig.ApsFrame(Array.Empty<byte>(), last, 1, frameType: ApsFrameType.Ack));
            Assert.AreEqual(ApsAckPolicy.FramesInFlight - 1, rig.Aps.FramesInFlight);
            Assert.IsTrue(Send(rig, true) > 0);
        }
    }
}
