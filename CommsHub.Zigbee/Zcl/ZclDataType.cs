namespace CommsHub.Zcl
{
    /// <summary>ZCL data type ids the hub's attributes use, and the sizes a decoder needs to step over values.</summary>
    public static class ZclDataType
    {
        public const byte Boolean = 0x10;
        public const byte Bitmap8 = 0x18;
        public const byte Uint8 = 0x20;
        public const byte Uint16 = 0x21;
        public const byte Uint32 = 0x23;
        public const byte Int32 = 0x2B;
        public const byte Enum8 = 0x30;
        public const byte Enum16 = 0x31;
        public const byte CharacterString = 0x42;
        public const byte UtcTime = 0xE2;

        /// <summary>The UTCTime value ZCL reserves for "invalid" (no time known).</summary>
        public const uint InvalidUtcTime = 0xFFFFFFFF;

        /// <summary>Bytes of a fixed-size value of <paramref name="type"/> the hub serves; 0 for any other type.</summary>
        public static int FixedLength(byte type)
        {
            switch (type)
            {
                case Boolean:
                case Bitmap8:
                case Uint8:
                case Enum8:
                    return 1;
                case Uint16:
                case Enum16:
                    return 2;
                case Uint32:
                case Int32:
                case UtcTime:
                    return 4;
                default:
                    return 0;
            }
        }

        /// <summary>
        /// Bytes of the "reportable change" field a Configure Reporting record carries for <paramref name="type"/>:
        /// analog types carry one of their own size, discrete types none; -1 when the type id is not one ZCL
        /// defines as analog or discrete (the rest of the frame cannot be walked).
        /// </summary>
        public static int ReportableChangeLength(byte type)
        {
            if (type >= 0x20 && type <= 0x2F)
            {
                return (type & 0x07) + 1;
            }

            switch (type)
            {
                case 0x38: return 2;
                case 0x39: return 4;
                case 0x3A: return 8;
                case 0xE0:
                case 0xE1:
                case 0xE2:
                    return 4;
            }

            if (type == 0x00 || (type >= 0x08 && type <= 0x1F) || type == 0x30 || type == 0x31
                || (type >= 0x41 && type <= 0x44) || type == 0x48 || type == 0x4C || type == 0x50 || type == 0x51
                || (type >= 0xE8 && type <= 0xEA) || type == 0xF0 || type == 0xF1)
            {
                return 0;
            }

            return -1;
        }
    }
}
