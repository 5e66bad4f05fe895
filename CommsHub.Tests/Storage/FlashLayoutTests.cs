using System;
using CommsHub.Platform;
using CommsHub.Storage;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Storage
{
    [TestClass]
    public class FlashLayoutTests
    {
        [TestMethod]
        public void EachImageBlockHoldsA768000ByteImageInWholeSectors()
        {
            FlashLayout layout = FlashLayout.For(new SizedFlash(4 * 1024 * 1024));

            Assert.IsTrue(layout.ImageBlockLength >= 768000);
            Assert.AreEqual(0, layout.ImageBlockLength % 4096);
            Assert.AreEqual(0, layout.EsmeBlockStart % 4096);
            Assert.AreEqual(0, layout.GsmeBlockStart % 4096);
        }

        [TestMethod]
        public void RegionsDoNotOverlap()
        {
            FlashLayout layout = FlashLayout.For(new SizedFlash(4 * 1024 * 1024));

            Assert.IsTrue(layout.MetadataStart + layout.MetadataLength <= layout.AlertQueueStart);
            Assert.IsTrue(layout.AlertQueueStart + layout.AlertQueueLength <= layout.EsmeBlockStart);
            Assert.IsTrue(layout.EsmeBlockStart + layout.ImageBlockLength <= layout.GsmeBlockStart);
            Assert.IsTrue(layout.GsmeBlockStart + layout.ImageBlockLength <= 4 * 1024 * 1024);
        }

        [TestMethod]
        public void AChipTooSmallForTwoBlocksIsRefusedWithTheSizesInTheMessage()
        {
            try
            {
                FlashLayout.For(new SizedFlash(1024 * 1024));
            }
            catch (ArgumentException e)
            {
                Assert.IsTrue(e.Message.IndexOf("1048576") >= 0, e.Message);
                return;
            }

            Assert.IsTrue(false, "a 1 MB chip was accepted");
        }

        /// <summary>Only the geometry matters to the layout.</summary>
        private sealed class SizedFlash : INorFlash
        {
            private readonly int _capacity;

            public SizedFlash(int capacity)
            {
                _capacity = capacity;
            }

            public int JedecId
            {
                get { return 0xEF4016; }
            }

            public int CapacityBytes
            {
                get { return _capacity; }
            }

            public int SectorSize
            {
                get { return 4096; }
            }

            public int PageSize
            {
                get { return 256; }
            }

            public void Read(int address, byte[] buffer, int offset, int count)
            {
                throw new NotSupportedException();
            }

            public void ProgramPage(int address, byte[] buffer, int offset, int count)
            {
                throw new NotSupportedException();
            }

            public void EraseSector(int address)
            {
                throw new NotSupportedException();
            }
        }
    }
}
