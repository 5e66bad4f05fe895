using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Aps;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Aps
{
    /// <summary>
    /// APS fragmentation both ways on the hub's real stack, window size one: a long payload goes in acked blocks (the
    /// first announcing the count), a lost ack brings the block again; fragments from the device are acked block by
    /// block and handed up whole. Our codecs and tshark (which reassembles APS fragments) read every frame; blocks
    /// out of order, too many reassemblies, too long a payload and a stalled sender are dropped and counted.
    /// </summary>
    [TestClass]
    public class ApsFragmentationTests
    {
        private static byte[] Payload(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();

        private static byte[] Ack(ApsRig rig, byte counter, uint frameCounter, int fragmentation, byte block) =>
            rig.ApsFrame(Array.Empty<byte>(), counter, frameCounter, frameType: ApsFrameType.Ack, fragmentation: fragmentation, block: block);

        [TestMethod]
        public void ALongPayloadGoesInAckedSecuredBlocksAndALostAckBringsTheBlockAgain()
        {
            var rig = new ApsRig();
            var confirms = new List<int>();
            rig.Aps.DataConfirm += (d, c, s) => confirms.Add(s);
            byte[] payload = Payload(200);
            byte[] buffer = new byte[ApsLayer.HeaderRoom + payload.Length + ApsLayer.MicRoom];
            payload.CopyTo(buffer, ApsLayer.HeaderRoom);
            Assert.IsTrue(rig.Aps.SendData(rig.Device.ShortAddress, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, payload.Length, true, true) > 0);
            byte counter = rig.Aps.LastCounter;
            int blockSize = ApsLayer.MaxSecuredPayload - ApsLayer.FragmentHeader;
            int blocks = (payload.Length + blockSize - 1) / blockSize;
            Assert.AreEqual(3, blocks);

            var received = new List<byte>();
            uint ackCounter = 1;
            for (int block = 0; block < blocks; block++)
            {
                int expected = block + 1 + (block == 2 ? 1 : 0);
                Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count >= expected, TimeSpan.FromSeconds(1)), "block " + block + " did not come");
                var (n, a, frame) = rig.Open(rig.Device.ReceivedData[^1]);
                Assert.IsTrue(a.ExtendedHeader && a.AckRequest && a.Security);
                Assert.AreEqual(counter, a.Counter, "every block shares the APS counter");
                Assert.AreEqual(block == 0 ? ApsFrameType.FirstFragment : ApsFrameType.LaterFragment, a.Fragmentation);
                Assert.AreEqual(block == 0 ? blocks : block, (int)a.BlockNumber, "the first block announces the count, later ones their index");
                Assert.IsNull(rig.OpenAps(n, a, frame));
                received.AddRange(frame.AsSpan(a.PayloadOffset, a.PayloadLength).ToArray());
                if (block == 1)
                {
                    // This ack is lost: the block comes again after apsAckWaitDuration, under a new frame counter.
                    rig.Advance(ApsAckPolicy.WaitMilliseconds + 50);
                    Assert.AreEqual(1, rig.Aps.Retransmissions);
                    var (n2, a2, frame2) = rig.Open(rig.Device.ReceivedData[^1]);
                    Assert.AreEqual(1, (int)a2.BlockNumber);
                    Assert.AreNotEqual(a.Auxiliary.FrameCounter, a2.Auxiliary.FrameCounter);
                    Assert.IsNull(rig.OpenAps(n2, a2, frame2));
                }

                Assert.AreEqual(0, confirms.Count, "confirmed before the last block's ack");
                rig.DeviceSends(Ack(rig, counter, ackCounter++, block == 0 ? ApsFrameType.FirstFragment : ApsFrameType.LaterFragment, (byte)block));
            }

            Assert.AreEqual(Convert.ToHexString(payload), Convert.ToHexString(received.ToArray()));
            Assert.AreEqual(1, confirms.Count);
            Assert.AreEqual(ApsStatus.Success, confirms[0]);
            Assert.AreEqual(blocks, rig.Aps.FragmentsSent);
            Assert.AreEqual(0, rig.Aps.FramesInFlight);

            // tshark decrypts every block and puts the 200 bytes back together.
            var dissected = rig.TsharkAll("zbee_aps.fragmentation", "zbee_aps.reassembled.length");
            Assert.IsTrue(dissected.Any(f => f[1] == "200"), "tshark did not reassemble: " + string.Join(" | ", dissected.Select(f => string.Join(";", f))));
        }

        [TestMethod]
        public void FragmentsFromTheDeviceAreAckedBlockByBlockAndHandedUpWhole()
        {
            var rig = new ApsRig();
            byte[] payload = Payload(150);
            byte[][] parts = { payload[..60], payload[60..120], payload[120..] };
            uint fc = 1;
            for (int block = 0; block < 3; block++)
            {
                rig.DeviceSends(rig.ApsFrame(parts[block], 0x51, fc++, ackRequest: true,
                    fragmentation: block == 0 ? ApsFrameType.FirstFragment : ApsFrameType.LaterFragment, block: (byte)(block == 0 ? 3 : block)));
                Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == block + 1, TimeSpan.FromSeconds(1)), "no ack of block " + block + ": " + rig.Aps.LastDrop);
                var (n, a, frame) = rig.Open(rig.Device.ReceivedData[block]);
                Assert.AreEqual(ApsFrameType.Ack, a.FrameType);
                Assert.IsTrue(a.ExtendedHeader && a.Security);
                Assert.AreEqual(0x51, (int)a.Counter);
                Assert.AreEqual(block, (int)a.BlockNumber);
                Assert.AreEqual(0x01, (int)a.AckBitfield);
                Assert.IsNull(rig.OpenAps(n, a, frame));
                Assert.AreEqual(block == 2 ? 1 : 0, rig.Delivered.Count, "handed up before the last block");
            }

            Assert.AreEqual("0019:" + Convert.ToHexString(payload), rig.Delivered[0]);
            Assert.AreEqual(1, rig.Aps.Reassembled);

            // A repeat of the last block (its ack lost) is acked again and not handed up again.
            rig.DeviceSends(rig.ApsFrame(parts[2], 0x51, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 2));
            Assert.IsTrue(rig.Bench.RunUntil(() => rig.Device.ReceivedData.Count == 4, TimeSpan.FromSeconds(1)));
            Assert.AreEqual(1, rig.Delivered.Count);
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.Duplicate));

            var dissected = rig.TsharkAll("zbee_aps.reassembled.length");
            Assert.IsTrue(dissected.Any(f => f[0] == "150"), "tshark did not reassemble the device's fragments");
        }

        [TestMethod]
        public void BadFragmentsAreDroppedAndCountedAndNeverHandedUp()
        {
            var rig = new ApsRig();
            byte[] part = Payload(40);
            uint fc = 1;

            // A later block with no first block; then block 2 before block 1.
            rig.DeviceSends(rig.ApsFrame(part, 0x10, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 1));
            rig.DeviceSends(rig.ApsFrame(part, 0x11, fc++, ackRequest: true, fragmentation: ApsFrameType.FirstFragment, block: 3));
            rig.DeviceSends(rig.ApsFrame(part, 0x11, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 2));
            // A block beyond the count the first announced.
            rig.DeviceSends(rig.ApsFrame(part, 0x11, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 1));
            rig.DeviceSends(rig.ApsFrame(part, 0x11, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 2));
            rig.DeviceSends(rig.ApsFrame(part, 0x11, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 3));
            Assert.AreEqual(3, rig.Aps.Dropped(ApsDrop.FragmentOutOfOrder), rig.Aps.LastDrop);
            Assert.AreEqual(1, rig.Delivered.Count, "the in-order blocks make one payload");

            // Two reassemblies at once; a third sender's counter is refused.
            rig.DeviceSends(rig.ApsFrame(part, 0x20, fc++, ackRequest: true, fragmentation: ApsFrameType.FirstFragment, block: 4));
            rig.DeviceSends(rig.ApsFrame(part, 0x21, fc++, ackRequest: true, fragmentation: ApsFrameType.FirstFragment, block: 4));
            rig.DeviceSends(rig.ApsFrame(part, 0x22, fc++, ackRequest: true, fragmentation: ApsFrameType.FirstFragment, block: 4));
            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.ReassemblyFull), rig.Aps.LastDrop);

            // A stalled reassembly times out; its late block is then out of order, and the buffer takes a new payload.
            rig.Advance(ApsFragmentationPolicy.ReassemblyTimeoutMilliseconds + 100);
            Assert.AreEqual(2, rig.Aps.Dropped(ApsDrop.ReassemblyTimedOut));
            rig.DeviceSends(rig.ApsFrame(part, 0x20, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: 1));
            Assert.AreEqual(4, rig.Aps.Dropped(ApsDrop.FragmentOutOfOrder));

            // A payload longer than the reassembly buffer: abandoned when it outgrows it.
            byte[] big = Payload(70);
            rig.DeviceSends(rig.ApsFrame(big, 0x30, fc++, ackRequest: true, fragmentation: ApsFrameType.FirstFragment, block: 10));
            for (byte b = 1; b < 10; b++)
            {
                rig.DeviceSends(rig.ApsFrame(big, 0x30, fc++, ackRequest: true, fragmentation: ApsFrameType.LaterFragment, block: b));
            }

            Assert.AreEqual(1, rig.Aps.Dropped(ApsDrop.FragmentTooLong), rig.Aps.LastDrop);
            Assert.AreEqual(1, rig.Delivered.Count);
        }

        [TestMethod]
        public void ALongPayloadWithoutAckRequestOrBeyondTheBufferOrWhileATransferRunsIsRefused()
        {
            var rig = new ApsRig();
            byte[] buffer = new byte[ApsLayer.HeaderRoom + ApsFragmentationPolicy.MaxLength + 1 + ApsLayer.MicRoom];
            ushort to = rig.Device.ShortAddress;
            Assert.AreEqual(CommsHub.Nwk.NwkLayer.SendTooLong, rig.Aps.SendData(to, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 200, false, true));
            Assert.AreEqual(CommsHub.Nwk.NwkLayer.SendTooLong, rig.Aps.SendData(to, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, ApsFragmentationPolicy.MaxLength + 1, true, true));
            Assert.IsTrue(rig.Aps.SendData(to, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 200, true, false) > 0);
            Assert.AreEqual(ApsLayer.SendBusy, rig.Aps.SendData(to, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 200, true, false));

            // Unacked, the transfer fails as a whole with NO_ACK and frees its slot.
            int status = -1;
            rig.Aps.DataConfirm += (d, c, s) => status = s;
            rig.Advance((ApsAckPolicy.MaxFrameRetries + 1) * ApsAckPolicy.WaitMilliseconds + 100);
            Assert.AreEqual(ApsStatus.NoAck, status);
            Assert.IsTrue(rig.Aps.SendData(to, 1, 0x0019, 0x0109, 1, buffer, ApsLayer.HeaderRoom, 200, true, false) > 0);
        }
    }
}
