namespace CommsHub.Zcl
{
    /// <summary>
    /// Discover Attributes (global 0x0C) answered with Discover Attributes Response (0x0D): the server's
    /// attribute ids and types from the start id on, at most the number asked for, and whether that was all.
    /// </summary>
    public static class DiscoverAttributes
    {
        public const int RequestLength = 3;

        public static bool Respond(ZclReader reader, ZclAttributeTable table, byte sequence, ZclWriter writer, int end)
        {
            ushort start = reader.U16("start attribute identifier");
            byte maximum = reader.U8("maximum attribute identifiers");
            if (reader.Failed)
            {
                return false;
            }

            ZclHeader.Encode(writer, ZclHeader.FrameTypeGlobal, true, true, sequence, ZclGlobalCommand.DiscoverAttributesResponse);
            int completeAt = writer.Skip(1);
            int index = table.IndexFrom(start);
            int written = 0;
            while (index < table.Count && written < maximum && writer.Position + 3 <= end)
            {
                ZclAttribute attribute = table.At(index);
                writer.U16(attribute.Id);
                writer.U8(attribute.DataType);
                index++;
                written++;
            }

            writer.Buffer[completeAt] = (byte)(index >= table.Count ? 1 : 0);
            return true;
        }
    }
}
