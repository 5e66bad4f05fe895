using CommsHub.Zcl;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Zcl
{
    [TestClass]
    public class ZclHeaderTests
    {
        [TestMethod]
        public void ReadsAClusterSpecificClientRequest()
        {
            ZclHeader header = Decode(new byte[] { 0x01, 0x2A, 0x03 });

            Assert.AreEqual(ZclHeader.FrameTypeClusterSpecific, header.FrameType);
            Assert.IsFalse(header.ServerToClient);
            Assert.IsFalse(header.DisableDefaultResponse);
            Assert.AreEqual((byte)0x2A, header.Sequence);
            Assert.AreEqual((byte)0x03, header.CommandId);
        }

        [TestMethod]
        public void ReadsTheManufacturerCodeWhenFlagged()
        {
            ZclHeader header = Decode(new byte[] { 0x1D, 0x34, 0x12, 0x07, 0x05 });

            Assert.IsTrue(header.ManufacturerSpecific);
            Assert.AreEqual((ushort)0x1234, header.ManufacturerCode);
            Assert.IsTrue(header.ServerToClient);
            Assert.IsTrue(header.DisableDefaultResponse);
            Assert.AreEqual((byte)0x05, header.CommandId);
        }

        [TestMethod]
        [DataRow(0x21)]
        [DataRow(0x03)]
        public void ReservedBitsOrFrameTypeAreRefused(int frameControl)
        {
            ZclReader reader = new ZclReader();
            reader.Reset(new byte[] { (byte)frameControl, 0x01, 0x02 }, 0, 3);

            Assert.IsFalse(new ZclHeader().Decode(reader));
            Assert.IsTrue(reader.Failure.IndexOf("frame control") >= 0, reader.Failure);
        }

        [TestMethod]
        public void EncodesAServerResponseWithDefaultResponseDisabled()
        {
            byte[] buffer = new byte[8];
            ZclWriter writer = new ZclWriter();
            writer.Reset(buffer, 0);

            DefaultResponse.Encode(writer, true, 0x09, 0x03, ZclStatus.MalformedCommand);

            Assert.AreEqual(5, writer.Length);
            Assert.AreEqual((byte)0x18, buffer[0]);
            Assert.AreEqual((byte)0x09, buffer[1]);
            Assert.AreEqual((byte)0x0B, buffer[2]);
            Assert.AreEqual((byte)0x03, buffer[3]);
            Assert.AreEqual((byte)0x80, buffer[4]);
        }

        private static ZclHeader Decode(byte[] frame)
        {
            ZclReader reader = new ZclReader();
            reader.Reset(frame, 0, frame.Length);
            ZclHeader header = new ZclHeader();
            Assert.IsTrue(header.Decode(reader), reader.Failure);
            return header;
        }
    }
}
