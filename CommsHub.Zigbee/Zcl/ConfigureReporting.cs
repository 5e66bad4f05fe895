namespace CommsHub.Zcl
{
    /// <summary>
    /// Configure Reporting (global 0x06). None of the hub's server attributes is reportable, so every record is
    /// refused in the Configure Reporting Response (0x07) the way the ZCL specification words it for a server that
    /// has the attribute but cannot report it (UNREPORTABLE_ATTRIBUTE) and for one that does not have the attribute
    /// (UNSUPPORTED_ATTRIBUTE). The command itself is recognised, so UNSUP_GENERAL_COMMAND would misstate it.
    /// </summary>
    public static class ConfigureReporting
    {
        private const byte DirectionReported = 0x00;
        private const byte DirectionReceived = 0x01;

        /// <summary>
        /// Checks every record of the payload in <paramref name="reader"/> (false, with the failing field named, when one
        /// cannot be walked), then answers from a second reader over the same bytes.
        /// </summary>
        public static bool Respond(ZclReader reader, byte[] frame, int payloadOffset, int payloadLength, ZclAttributeTable table, byte sequence, ZclWriter writer, int end)
        {
            if (reader.Remaining == 0)
            {
                reader.Reject("Configure Reporting holds no attribute reporting configuration record");
                return false;
            }

            while (reader.Remaining > 0 && !reader.Failed)
            {
                SkipRecord(reader);
            }

            if (reader.Failed)
            {
                return false;
            }

            reader.Reset(frame, payloadOffset, payloadLength);
            ZclHeader.Encode(writer, ZclHeader.FrameTypeGlobal, true, true, sequence, ZclGlobalCommand.ConfigureReportingResponse);
            while (reader.Remaining > 0 && writer.Position + 4 <= end)
            {
                int at = reader.Position;
                byte direction = reader.U8("direction");
                ushort id = reader.U16("attribute identifier");
                reader.Reset(frame, at, payloadOffset + payloadLength - at);
                SkipRecord(reader);
                writer.U8(table.Find(id) == null ? ZclStatus.UnsupportedAttribute : ZclStatus.UnreportableAttribute);
                writer.U8(direction);
                writer.U16(id);
            }

            return true;
        }

        private static void SkipRecord(ZclReader reader)
        {
            byte direction = reader.U8("direction");
            reader.U16("attribute identifier");
            if (reader.Failed)
            {
                return;
            }

            if (direction == DirectionReceived)
            {
                reader.U16("timeout period");
                return;
            }

            if (direction != DirectionReported)
            {
                reader.Reject("direction 0x" + CommsHub.Platform.Hex.Format(direction, 2) + " is neither reported (0) nor received (1)");
                return;
            }

            byte type = reader.U8("attribute data type");
            reader.U16("minimum reporting interval");
            reader.U16("maximum reporting interval");
            int change = ZclDataType.ReportableChangeLength(type);
            if (!reader.Failed && change < 0)
            {
                reader.Reject("attribute data type 0x" + CommsHub.Platform.Hex.Format(type, 2) + " is not a ZCL data type");
                return;
            }

            for (int i = 0; i < change; i++)
            {
                reader.U8("reportable change");
            }
        }
    }
}
