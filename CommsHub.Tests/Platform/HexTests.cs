using CommsHub.Platform;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Platform
{
    [TestClass]
    public class HexTests
    {
        [TestMethod]
        public void BytesAreWrittenUpperCaseWithTheChosenSeparator()
        {
            byte[] bytes = new byte[] { 0x00, 0xDB, 0x12, 0xA2 };

            Assert.AreEqual("00-DB-12-A2", Hex.Format(bytes, 0, 4, '-'));
            Assert.AreEqual("00DB12A2", Hex.Format(bytes, 0, 4, '\0'));
            Assert.AreEqual("DB 12", Hex.Format(bytes, 1, 2, ' '));
            Assert.AreEqual(string.Empty, Hex.Format(bytes, 0, 0, '-'));
        }

        [TestMethod]
        [DataRow(0x0123ABCDL, 8, "0123ABCD")]
        [DataRow(0xEF4016L, 6, "EF4016")]
        [DataRow(0x5L, 2, "05")]
        public void ValuesAreZeroPaddedToTheirWidth(long value, int digits, string expected)
        {
            Assert.AreEqual(expected, Hex.Format(value, digits));
        }
    }
}
