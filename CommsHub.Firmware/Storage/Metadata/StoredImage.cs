using CommsHub.Ota.Server;

namespace CommsHub.Storage.Metadata
{
    /// <summary>An image held in the ESME or GSME block: where it is, what it is, and each target's state.</summary>
    public sealed class StoredImage
    {
        public byte Slot;
        public OtaDeviceKind Kind;
        public int Size;
        public byte[] Sha256 = new byte[32];
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint FileVersion;

        /// <summary>UTC ticks the image became servable; 0 when the clock was not yet trusted (set on first trust).</summary>
        public long ArrivalTicks;

        public StoredTarget[] Targets;

        public StoredTarget Target(ulong device)
        {
            for (int i = 0; i < Targets.Length; i++)
            {
                if (Targets[i].Device == device)
                {
                    return Targets[i];
                }
            }

            return null;
        }

        public bool AnyTargetIn(byte state)
        {
            for (int i = 0; i < Targets.Length; i++)
            {
                if (Targets[i].State == state)
                {
                    return true;
                }
            }

            return false;
        }

        public bool AllDone
        {
            get { return !AnyTargetIn(TargetState.Pending) && !AnyTargetIn(TargetState.Downloading); }
        }
    }
}
