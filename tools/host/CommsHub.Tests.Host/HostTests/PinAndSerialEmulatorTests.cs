using System.Collections.Generic;
using CommsHub.VirtualBoard.Emulators;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    [TestClass]
    public class PinAndSerialEmulatorTests
    {
        [TestMethod]
        public void OnlyTheEnabledEdgesReachTheHandler()
        {
            var pin = new VirtualGpioPin(4, initialLevel: true);
            var edges = new List<bool>();
            pin.SetEdgeHandler(rising: false, falling: true, (p, rising) => edges.Add(rising));

            pin.Drive(false);
            pin.Drive(false);
            pin.Drive(true);
            pin.Drive(false);

            Assert.AreEqual("False,False", string.Join(",", edges));
            Assert.IsFalse(pin.Read());
        }

        [TestMethod]
        public void EachEndOfTheSerialPipeReadsWhatTheOtherWroteInOrderAndNeverBlocks()
        {
            var pipe = new SerialPipe();
            byte[] buffer = new byte[8];

            Assert.AreEqual(0, pipe.A.Read(buffer, 0, buffer.Length));
            pipe.B.Write(new byte[] { 1, 2, 3, 4, 5 }, 1, 3);

            Assert.AreEqual(3, pipe.A.BytesToRead);
            Assert.AreEqual(0, pipe.B.BytesToRead);
            Assert.AreEqual(2, pipe.A.Read(buffer, 0, 2));
            Assert.AreEqual((byte)2, buffer[0]);
            Assert.AreEqual((byte)3, buffer[1]);
            Assert.AreEqual(1, pipe.A.Read(buffer, 0, 8));
            Assert.AreEqual((byte)4, buffer[0]);
        }
    }
}
