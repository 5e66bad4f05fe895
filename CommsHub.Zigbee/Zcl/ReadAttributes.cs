namespace CommsHub.Zcl
{
    /// <summary>
    /// Read Attributes (global 0x00) answered with Read Attributes Response (0x01): one record per requested id,
    /// SUCCESS with type and value, or UNSUPPORTED_ATTRIBUTE for an id the server does not have. Records that
    /// would not fit in the caller's frame are left out; the client reads them again in a later request.
    /// </summary>
    public static class ReadAttributes
    {
        /// <summary>
        /// Answers the request whose payload <paramref name="reader"/> holds; false (with the reason in the reader)
        /// when the payload is not a list of 16-bit attribute ids. <paramref name="end"/> is the first position
        /// the response must not reach.
        /// </summary>
        public static bool Respond(ZclReader reader, ZclAttributeTable table, byte sequence, ZclWriter writer, int end)
        {
            if (reader.Remaining == 0)
            {
                reader.Reject("Read Attributes names no attribute identifier");
                return false;
            }

            if ((reader.Remaining & 1) != 0)
            {
                reader.Reject("Read Attributes payload of " + reader.Remaining.ToString() + " byte(s) is not a list of 16-bit attribute identifiers");
                return false;
            }

            ZclHeader.Encode(writer, ZclHeader.FrameTypeGlobal, true, true, sequence, ZclGlobalCommand.ReadAttributesResponse);
            while (reader.Remaining >= 2)
            {
                ushort id = reader.U16("attribute identifier");
                ZclAttribute attribute = table.Find(id);
                int size = attribute == null ? 3 : 4 + attribute.ValueLength;
                if (writer.Position + size > end)
                {
                    break;
                }

                writer.U16(id);
                if (attribute == null)
                {
                    writer.U8(ZclStatus.UnsupportedAttribute);
                    continue;
                }

                writer.U8(ZclStatus.Success);
                writer.U8(attribute.DataType);
                attribute.WriteValue(writer);
            }

            return true;
        }
    }
}
