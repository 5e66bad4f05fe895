using System;

namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>
    /// Thrown into the firmware when an emulated part loses power: it unwinds the firmware the way a
    /// real power cut stops the CPU, and the test then "reboots" by building a new firmware instance.
    /// </summary>
    public sealed class PowerLossException : Exception
    {
        public PowerLossException(string message) : base(message)
        {
        }
    }
}
