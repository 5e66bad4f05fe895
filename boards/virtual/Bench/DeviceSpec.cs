using System;
using CommsHub.Ota.Server;

namespace CommsHub.VirtualBoard.Bench
{
    /// <summary>One emulated HAN device as a scenario declares it.</summary>
    public sealed class DeviceSpec
    {
        public string Name;
        public OtaDeviceKind Kind;
        public ulong Eui;
        public ushort ManufacturerCode = 0x1234;
        public ushort ImageType = 0x0001;
        public uint CurrentVersion = 0x01000000;
        public ushort? HardwareVersion;
        public byte BlockSize = 64;
        public bool PageRequests;
        public ushort PageSize = 512;
        public ushort PageSpacingMilliseconds = 20;
        public ushort MinimumBlockPeriodMilliseconds;
        public TimeSpan QueryInterval = TimeSpan.FromDays(1);
        public TimeSpan FirstQuery = TimeSpan.FromSeconds(30);

        /// <summary>Sleepy devices (the GSME) hear the hub only when they poll, this often.</summary>
        public TimeSpan? PollInterval;

        /// <summary>Fault: the device answers every download with an Upgrade End status other than SUCCESS.</summary>
        public bool FailUpgradeEnd;
    }
}
