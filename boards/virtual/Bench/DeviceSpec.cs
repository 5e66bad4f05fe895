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

        /// <summary>Sleepy devices (the GSME) hear the hub only when they poll: this often while downloading...</summary>
        public TimeSpan? PollInterval;

        /// <summary>...and this often otherwise, so they rarely hear an Image Notify before it expires.</summary>
        public TimeSpan IdlePollInterval = TimeSpan.FromMinutes(30);

        /// <summary>The device does not query when told an image is waiting; it keeps to its own query cadence.</summary>
        public bool IgnoresImageNotify;

        /// <summary>Fault: the device answers every download with an Upgrade End status other than SUCCESS.</summary>
        public bool FailUpgradeEnd;

        /// <summary>The install code the head-end lists the device with (CRC appended or not); null: made from the EUI-64.</summary>
        public byte[] InstallCode;

        /// <summary>The router (by name) the device joins through: it is out of the hub's range, so every frame takes two hops.</summary>
        public string Via;

        /// <summary>A sleepy end device: it hears the hub only when it polls (every GSME; a PPMID whose line says so).</summary>
        public bool Sleepy => PollInterval.HasValue;
    }
}
