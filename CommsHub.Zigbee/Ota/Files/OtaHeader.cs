namespace CommsHub.Ota.Files
{
    /// <summary>The Zigbee OTA file header, with its optional fields.</summary>
    public sealed class OtaHeader
    {
        public const uint Magic = 0x0BEEF11E;
        public const ushort SupportedHeaderVersion = 0x0100;
        public const int FixedLength = 56;

        public const ushort SecurityCredentialVersionPresent = 0x0001;
        public const ushort DeviceSpecificFile = 0x0002;
        public const ushort HardwareVersionsPresent = 0x0004;

        public ushort HeaderVersion;
        public ushort HeaderLength;
        public ushort FieldControl;
        public ushort ManufacturerCode;
        public ushort ImageType;
        public uint FileVersion;
        public ushort ZigbeeStackVersion;
        public string HeaderString;
        public uint TotalImageSize;
        public byte SecurityCredentialVersion;
        public ulong UpgradeFileDestination;
        public ushort MinimumHardwareVersion;
        public ushort MaximumHardwareVersion;

        public bool HasSecurityCredentialVersion
        {
            get { return (FieldControl & SecurityCredentialVersionPresent) != 0; }
        }

        public bool HasUpgradeFileDestination
        {
            get { return (FieldControl & DeviceSpecificFile) != 0; }
        }

        public bool HasHardwareVersions
        {
            get { return (FieldControl & HardwareVersionsPresent) != 0; }
        }

        /// <summary>Header length the field control implies: 56 plus the optional fields it announces.</summary>
        public int ImpliedLength
        {
            get
            {
                return FixedLength + (HasSecurityCredentialVersion ? 1 : 0) + (HasUpgradeFileDestination ? 8 : 0) + (HasHardwareVersions ? 4 : 0);
            }
        }

        public OtaImageId Id
        {
            get { return new OtaImageId(ManufacturerCode, ImageType, FileVersion); }
        }

        /// <summary>True when no hardware range is given, or the version lies inside it.</summary>
        public bool AcceptsHardware(ushort hardwareVersion)
        {
            return !HasHardwareVersions || (hardwareVersion >= MinimumHardwareVersion && hardwareVersion <= MaximumHardwareVersion);
        }
    }
}
