using CommsHub.Ota.Files;
using CommsHub.Platform;

namespace CommsHub.Storage
{
    /// <summary>An image slot read straight from flash, so serving a block never copies the image into RAM.</summary>
    public sealed class SlotImageSource : IImageSource
    {
        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _length;

        public SlotImageSource(INorFlash flash, int start, int length)
        {
            _flash = flash;
            _start = start;
            _length = length;
        }

        public int Length
        {
            get { return _length; }
        }

        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            _flash.Read(_start + offset, buffer, bufferOffset, count);
        }
    }
}
