namespace CommsHub.Wan
{
    /// <summary>
    /// The DeviceLogList reply: entry count (1), then per entry EUI-64 (8), device type (1), install code length
    /// (1), install code. Entries that would not fit one message are left out; the count says how many follow.
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
                if (output.Position + 10 + entry.InstallCode.Length > output.Bytes.Length)
                {
                    break;
                }

                output.Eui(entry.Device);
                output.U8(entry.Kind);
                output.U8(entry.InstallCode.Length);
                output.Raw(entry.InstallCode, 0, entry.InstallCode.Length);
                written++;
            }

            output.Bytes[countAt] = (byte)written;
        }
    }
}
