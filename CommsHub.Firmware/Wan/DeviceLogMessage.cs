using CommsHub.Security;

namespace CommsHub.Wan
{
    /// <summary>
    /// The DeviceLogList reply: entry count (1), then per entry EUI-64 (8), device type (1), install code length
    /// (1), install code with its CRC-16/X.25 (the hub keeps the code without it and computes it); then the Historic
    /// Device Log: count (1), per entry EUI-64 (8) and device type (1), oldest first. Entries that would not fit one
    /// message are left out; each count says how many follow.
    /// </summary>
    public static class DeviceLogMessage
    {
        public static void Write(DeviceLog log, Messages.WanBuffer output)
        {
            int countAt = output.Position;
            output.U8(0);
            int written = 0;
            for (int i = 0; i < log.Count && written < 255; i++)
            {
                DeviceLogEntry entry = log.Entry(i);
                int length = entry.InstallCode.Length + 2;
                if (output.Position + 10 + length + 1 > output.Bytes.Length)
                {
                    break;
                }

                ushort crc = Crc16X25.Compute(entry.InstallCode, 0, entry.InstallCode.Length);
                output.Eui(entry.Device);
                output.U8(entry.Kind);
                output.U8(length);
                output.Raw(entry.InstallCode, 0, entry.InstallCode.Length);
                output.U8(crc & 0xFF);
                output.U8(crc >> 8);
                written++;
            }

            output.Bytes[countAt] = (byte)written;
            HistoricDeviceLog historic = log.Historic;
            int historicAt = output.Position;
            output.U8(0);
            written = 0;
            for (int i = 0; i < historic.Count && output.Position + 9 <= output.Bytes.Length; i++)
            {
                output.Eui(historic.DeviceAt(i));
                output.U8(historic.KindAt(i));
                written++;
            }

            output.Bytes[historicAt] = (byte)written;
        }
    }
}
