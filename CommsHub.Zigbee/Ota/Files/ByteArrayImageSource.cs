using System;

namespace CommsHub.Ota.Files
{
    /// <summary>An image already in memory (tests, PC tools).</summary>
    public sealed class ByteArrayImageSource : IImageSource
    {
        private readonly byte[] _bytes;

        public ByteArrayImageSource(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new ArgumentNullException("bytes");
            }

            _bytes = bytes;
        }

        public int Length
        {
            get { return _bytes.Length; }
        }

        public void Read(int offset, byte[] buffer, int bufferOffset, int count)
        {
            Array.Copy(_bytes, offset, buffer, bufferOffset, count);
        }
    }
}
