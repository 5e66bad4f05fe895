using System;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.Wan.Link;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Wan
{
    /// <summary>The head-end may send a whole window while the hub is busy: the device's UART buffer must hold it.</summary>
    [TestClass]
    public class LinkWindowTests
    {
        [TestMethod]
        public void AFullWindowOfLargestFramesFitsTheDevicesReceiveBuffer()
        {
            int waiting = BytesAfterAFullWindow(new LinkSettings());

            Assert.IsTrue(waiting > 3 * LinkFrame.MaximumPayload, "the window did not fill: " + waiting + " bytes");
            Assert.IsTrue(waiting <= LinkSettings.DeviceReceiveBufferBytes, waiting + " bytes arrive before the hub reads; its buffer holds " + LinkSettings.DeviceReceiveBufferBytes);
        }

        [TestMethod]
        public void TheOldEightFrameWindowWouldHaveOverrunIt()
        {
            int waiting = BytesAfterAFullWindow(new LinkSettings { Window = 8 });

            Assert.IsTrue(waiting > LinkSettings.DeviceReceiveBufferBytes, waiting + " bytes");
        }

        [TestMethod]
        public void TheWorstCaseWireFrameBoundIsNotBelowARealFrame()
        {
            int one = BytesAfterAFullWindow(new LinkSettings { Window = 1 });

            Assert.IsTrue(one <= LinkSettings.MaximumWireFrame, one + " bytes on the wire for one frame");
            Assert.IsTrue(LinkSettings.MaximumWireFrame - one < 16, "the bound is loose: " + one + " vs " + LinkSettings.MaximumWireFrame);
        }

        private static int BytesAfterAFullWindow(LinkSettings settings)
        {
            var pipe = new SerialPipe();
            var clock = new VirtualClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
            var headEnd = new WanLink(pipe.B, clock, 0x12345678, settings);
            var payload = new byte[LinkFrame.MaximumPayload];

            // No zero bytes: the costliest case for COBS is the longest run it must split.
            new Random(5).NextBytes(payload);
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] |= 1;
            }

            while (headEnd.Send(payload, 0, payload.Length))
            {
            }

            headEnd.Poll();
            return pipe.A.BytesToRead;
        }
    }
}
