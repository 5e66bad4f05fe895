using CommsHub.Platform;

namespace CommsHub.Mac
{
    /// <summary>
    /// One MAC address field: absent, a 16-bit short address or a 64-bit extended address. The extended
    /// address is kept as a number so hot paths compare addresses without allocating.
    /// </summary>
    public struct MacAddress
    {
        public const ushort BroadcastShort = 0xFFFF;

        public int Mode;
        public ushort Short;
        public ulong Extended;

        public static MacAddress None()
        {
            return new MacAddress();
        }

        public static MacAddress FromShort(ushort value)
        {
            MacAddress a = new MacAddress();
            a.Mode = MacAddressMode.Short;
            a.Short = value;
            return a;
        }

        public static MacAddress FromExtended(ulong value)
        {
            MacAddress a = new MacAddress();
            a.Mode = MacAddressMode.Extended;
            a.Extended = value;
            return a;
        }

        public bool IsBroadcast
        {
            get { return Mode == MacAddressMode.Short && Short == BroadcastShort; }
        }

        public bool SameAs(MacAddress other)
        {
            if (Mode != other.Mode)
            {
                return false;
            }

            if (Mode == MacAddressMode.Short)
            {
                return Short == other.Short;
            }

            return Mode == MacAddressMode.None || Extended == other.Extended;
        }

        public override string ToString()
        {
            if (Mode == MacAddressMode.Short)
            {
                return "0x" + Hex.Format(Short, 4);
            }

            if (Mode == MacAddressMode.Extended)
            {
                return Eui64.FromValue(Extended).ToString();
            }

            return "none";
        }
    }
}
