namespace CommsHub.Ota.Files
{
    /// <summary>A tag-length-value sub-element after the OTA header; offsets are from the start of the OTA file.</summary>
    public sealed class OtaSubElement
    {
        public const ushort UpgradeImage = 0x0000;
        public const ushort EcdsaSignatureSuite1 = 0x0001;
        public const ushort EcdsaCertificateSuite1 = 0x0002;
        public const ushort ImageIntegrityCode = 0x0003;
        public const ushort PictureData = 0x0004;
        public const ushort EcdsaSignatureSuite2 = 0x0005;
        public const ushort EcdsaCertificateSuite2 = 0x0006;
        public const ushort ManufacturerSpecificFirst = 0xF000;

        public OtaSubElement(ushort tag, int offset, uint length)
        {
            Tag = tag;
            Offset = offset;
            Length = length;
        }

        public ushort Tag { get; private set; }

        /// <summary>Where the element's 6-byte tag and length start.</summary>
        public int Offset { get; private set; }

        /// <summary>The length field as written (may be wrong in real files; see the diagnostics).</summary>
        public uint Length { get; private set; }

        public static string TagName(ushort tag)
        {
            switch (tag)
            {
                case UpgradeImage: return "upgrade image";
                case EcdsaSignatureSuite1: return "ECDSA signature (suite 1)";
                case EcdsaCertificateSuite1: return "ECDSA signing certificate (suite 1)";
                case ImageIntegrityCode: return "image integrity code";
                case PictureData: return "picture data";
                case EcdsaSignatureSuite2: return "ECDSA signature (suite 2)";
                case EcdsaCertificateSuite2: return "ECDSA signing certificate (suite 2)";
                default: return tag >= ManufacturerSpecificFirst ? "manufacturer specific" : "reserved";
            }
        }
    }
}
