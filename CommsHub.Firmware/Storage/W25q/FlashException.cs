using System;

namespace CommsHub.Storage.W25q
{
    /// <summary>The flash chip did not behave as a W25Q part must; the message says what was seen.</summary>
    public class FlashException : Exception
    {
        public FlashException(string message)
            : base(message)
        {
        }
    }
}
