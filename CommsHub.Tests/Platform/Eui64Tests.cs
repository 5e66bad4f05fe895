using System;
using CommsHub.Platform;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Platform
{
    [TestClass]
    public class Eui64Tests
    {
        [TestMethod]
        public void PrintsMostSignificantByteFirstWithDashes()
        {
            Eui64 eui = new Eui64(new byte[] { 0x00, 0xDB, 0x12, 0x34, 0x56, 0x78, 0x90, 0xA2 });

            Assert.AreEqual("00-DB-12-34-56-78-90-A2", eui.ToString());
        }

        [TestMethod]
        public void RefusesAnythingButEightBytes()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new Eui64(new byte[7]));
            Assert.ThrowsException(typeof(ArgumentException), () => new Eui64(null));
        }

        [TestMethod]
        public void IsACopySoTheCallersArrayCannotChangeIt()
        {
            byte[] source = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
            Eui64 eui = new Eui64(source);
            source[0] = 0xFF;

            Assert.AreEqual((byte)1, eui[0]);
            Assert.IsTrue(eui.SameAs(new Eui64(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })));
            Assert.IsFalse(eui.SameAs(new Eui64(source)));
        }
    }
}
