using CommsHub.Zcl;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Zcl
{
    [TestClass]
    public class ZclReaderTests
    {
        [TestMethod]
        public void FieldsAreReadLittleEndian()
        {
            ZclReader reader = new ZclReader();
            reader.Reset(new byte[] { 0x34, 0x12, 0xCD, 0xAB, 0x23, 0x01, 0xA4, 0x90, 0x78, 0x56, 0x34, 0x12, 0xDB, 0x00 }, 0, 14);

            Assert.AreEqual((ushort)0x1234, reader.U16("a"));
            Assert.AreEqual(0x0123ABCDu, reader.U32("b"));
            Assert.AreEqual(0x00DB1234567890A4UL, reader.Ieee("c"));
            Assert.IsFalse(reader.Failed);
            Assert.AreEqual(0, reader.Remaining);
        }

        [TestMethod]
        public void AShortFrameNamesTheFieldThatDidNotFitAndNeverThrows()
        {
            ZclReader reader = new ZclReader();
            reader.Reset(new byte[] { 0x01, 0x02, 0x03 }, 0, 3);

            reader.U16("manufacturer code");
            uint version = reader.U32("file version");
            byte after = reader.U8("anything after");

            Assert.IsTrue(reader.Failed);
            Assert.AreEqual(0u, version);
            Assert.AreEqual((byte)0, after);
            Assert.IsTrue(reader.Failure.IndexOf("'file version'") >= 0, reader.Failure);
        }

        [TestMethod]
        public void ALengthBeyondTheBufferIsAFailureNotAnException()
        {
            ZclReader reader = new ZclReader();
            reader.Reset(new byte[4], 2, 10);

            Assert.IsTrue(reader.Failed);
            Assert.AreEqual((byte)0, reader.U8("x"));
        }
    }
}
