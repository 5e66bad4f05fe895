using CommsHub.Zcl;

namespace CommsHub.Clusters.KeepAlive
{
    /// <summary>Trust Center Keep-Alive cluster (0x0025) server: its base and jitter, from <see cref="KeepAlivePolicy"/>.</summary>
    public sealed class KeepAliveServer
    {
        public const ushort ClusterId = 0x0025;
        public const ushort BaseAttribute = 0x0000;
        public const ushort JitterAttribute = 0x0001;

        public KeepAliveServer()
        {
            ZclValueGetter value = Value;
            Server = new ZclAttributeServer(ClusterId, new ZclAttributeTable(new ZclAttribute[]
            {
                ZclAttribute.Numeric(BaseAttribute, ZclDataType.Uint8, value),
                ZclAttribute.Numeric(JitterAttribute, ZclDataType.Uint16, value),
            }));
        }

        public ZclAttributeServer Server { get; private set; }

        private static uint Value(ushort attributeId)
        {
            return attributeId == BaseAttribute ? KeepAlivePolicy.BaseMinutes : (uint)KeepAlivePolicy.JitterSeconds;
        }
    }
}
