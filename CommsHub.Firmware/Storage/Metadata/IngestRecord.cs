using CommsHub.Ota.Server;

namespace CommsHub.Storage.Metadata
{
    /// <summary>An image being received into the receiving slot, as declared by the WAN.</summary>
    public sealed class IngestRecord
    {
        public byte Slot;
        public OtaDeviceKind Kind;
        public int Size;
        public byte[] Sha256 = new byte[32];
        public uint FileVersion;
        public ulong[] Targets;

        /// <summary>Bytes known to be in flash; a resumed transfer continues from here.</summary>
        public int Checkpoint;

        public bool SameAs(OtaDeviceKind kind, uint fileVersion, ulong[] targets, int size, byte[] sha256)
        {
            if (Kind != kind || FileVersion != fileVersion || Size != size || !CommsHub.Crypto.Sha256.Equal(Sha256, sha256) || Targets.Length != targets.Length)
            {
                return false;
            }

            for (int i = 0; i < targets.Length; i++)
            {
                if (Targets[i] != targets[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
