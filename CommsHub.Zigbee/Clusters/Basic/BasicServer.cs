using CommsHub.Zcl;

namespace CommsHub.Clusters.Basic
{
    /// <summary>Basic cluster (0x0000) server: who the hub is, from <see cref="BasicIdentityPolicy"/>.</summary>
    public sealed class BasicServer
    {
        public const ushort ClusterId = 0x0000;
        public const ushort ZclVersionAttribute = 0x0000;
        public const ushort ManufacturerNameAttribute = 0x0004;
        public const ushort ModelIdentifierAttribute = 0x0005;
        public const ushort DateCodeAttribute = 0x0006;
        public const ushort PowerSourceAttribute = 0x0007;
        public const ushort SoftwareBuildIdAttribute = 0x4000;

        public BasicServer()
        {
            ZclValueGetter value = Value;
            Server = new ZclAttributeServer(ClusterId, new ZclAttributeTable(new ZclAttribute[]
            {
                ZclAttribute.Numeric(ZclVersionAttribute, ZclDataType.Uint8, value),
                ZclAttribute.CharacterString(ManufacturerNameAttribute, BasicIdentityPolicy.ManufacturerName),
                ZclAttribute.CharacterString(ModelIdentifierAttribute, BasicIdentityPolicy.ModelIdentifier),
                ZclAttribute.CharacterString(DateCodeAttribute, BasicIdentityPolicy.DateCode),
                ZclAttribute.Numeric(PowerSourceAttribute, ZclDataType.Enum8, value),
                ZclAttribute.CharacterString(SoftwareBuildIdAttribute, BasicIdentityPolicy.SoftwareBuildId),
            }));
        }

        public ZclAttributeServer Server { get; private set; }

        private static uint Value(ushort attributeId)
        {
            return attributeId == ZclVersionAttribute ? BasicIdentityPolicy.ZclVersion : (uint)BasicIdentityPolicy.PowerSourceMainsSinglePhase;
        }
    }
}
