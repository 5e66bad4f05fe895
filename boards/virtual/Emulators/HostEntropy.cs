using System.Security.Cryptography;
using CommsHub.Platform;

namespace CommsHub.VirtualBoard.Emulators
{
    public sealed class HostEntropy : IEntropySource
    {
        public void Fill(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
    }
}
