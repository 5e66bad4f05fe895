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

            Assert.IsTrue(layout.SlotLength >= 768000);
            Assert.AreEqual(768000, layout.ImageCapacity);
            Assert.AreEqual(0, layout.SlotLength % 4096);
            for (int slot = 0; slot < FlashLayout.SlotCount; slot++)
            {
                Assert.AreEqual(0, layout.SlotStart(slot) % 4096);
            }
        }

        [TestMethod]
        public void RegionsDoNotOverlap()
        {
            FlashLayout layout = FlashLayout.For(new SizedFlash(4 * 1024 * 1024));

            Assert.IsTrue(layout.MetadataStart + layout.MetadataLength <= layout.AlertQueueStart);
            Assert.IsTrue(layout.AlertQueueStart + layout.AlertQueueLength <= layout.SlotStart(0));
            Assert.IsTrue(layout.SlotStart(0) + layout.SlotLength <= layout.SlotStart(1));
            Assert.IsTrue(layout.SlotStart(1) + layout.SlotLength <= layout.SlotStart(2));
            Assert.IsTrue(layout.SlotStart(2) + layout.SlotLength <= layout.FaultLogStart);
            Assert.IsTrue(layout.FaultLogStart + layout.SectorSize <= layout.NetworkStart);
            Assert.AreEqual(0, layout.NetworkStart % 4096);
            Assert.IsTrue(layout.NetworkStart + (FlashLayout.NetworkSectors * layout.SectorSize) <= 4 * 1024 * 1024);
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
