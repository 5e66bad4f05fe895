namespace CommsHub.Zcl
{
    /// <summary>Returns the current value of a numeric attribute (signed types as their two's-complement bits).</summary>
    public delegate uint ZclValueGetter(ushort attributeId);

    /// <summary>
    /// One attribute a cluster server offers: its id, ZCL data type and where its value comes from, either a
    /// getter (numbers, read when asked) or fixed text (a character string, encoded once).
    /// </summary>
    public sealed class ZclAttribute
    {
        private ZclAttribute(ushort id, byte dataType, ZclValueGetter getter, byte[] text)
        {
            Id = id;
            DataType = dataType;
            Getter = getter;
            Text = text;
        }

        public ushort Id { get; private set; }

        public byte DataType { get; private set; }

        public ZclValueGetter Getter { get; private set; }

        /// <summary>The characters of a string attribute (at most 254, ZCL's limit), without the length octet.</summary>
        public byte[] Text { get; private set; }

        /// <summary>Bytes the value takes in a response, without the id, status and type.</summary>
        public int ValueLength
        {
            get { return Text != null ? 1 + Text.Length : ZclDataType.FixedLength(DataType); }
        }

        public static ZclAttribute Numeric(ushort id, byte dataType, ZclValueGetter getter)
        {
            if (getter == null || ZclDataType.FixedLength(dataType) == 0)
            {
                throw new System.ArgumentException("attribute 0x" + CommsHub.Platform.Hex.Format(id, 4) + " needs a getter and a fixed-size type");
            }

            return new ZclAttribute(id, dataType, getter, null);
        }

        public static ZclAttribute CharacterString(ushort id, string text)
        {
            if (text == null || text.Length > 254)
            {
                throw new System.ArgumentException("attribute 0x" + CommsHub.Platform.Hex.Format(id, 4) + " needs text of at most 254 characters");
            }

            // The hub's strings are fixed ASCII names; anything else would need an encoder the device does not carry.
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < (char)0x20 || c > (char)0x7E)
                {
                    throw new System.ArgumentException("attribute 0x" + CommsHub.Platform.Hex.Format(id, 4) + " text must be printable ASCII");
                }

                bytes[i] = (byte)c;
            }

            return new ZclAttribute(id, ZclDataType.CharacterString, null, bytes);
        }

        /// <summary>Writes the value as it goes on the air (the caller checked it fits).</summary>
        public void WriteValue(ZclWriter writer)
        {
            if (Text != null)
            {
                writer.U8(Text.Length);
                for (int i = 0; i < Text.Length; i++)
                {
                    writer.U8(Text[i]);
                }

                return;
            }

            uint value = Getter(Id);
            switch (ZclDataType.FixedLength(DataType))
            {
                case 1:
                    writer.U8((int)value);
                    break;
                case 2:
                    writer.U16((int)value);
                    break;
                default:
                    writer.U32(value);
                    break;
            }
        }
    }
}
