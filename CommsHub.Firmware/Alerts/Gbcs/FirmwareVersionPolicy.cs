namespace CommsHub.Alerts.Gbcs
{
    /// <summary>
    /// [decision] The OTA header holds the file version as a little-endian uint32; the alert's 4-byte
    /// firmwareVersion carries it most significant byte first, as GB firmware versions are written
    /// (8 hex digits, 0123ABCD).
    /// </summary>
    public static class FirmwareVersionPolicy
    {
        public static void Write(uint fileVersion, byte[] buffer, int at)
        {
            buffer[at] = (byte)(fileVersion >> 24);
            buffer[at + 1] = (byte)(fileVersion >> 16);
            buffer[at + 2] = (byte)(fileVersion >> 8);
            buffer[at + 3] = (byte)fileVersion;
        }

        public static uint Read(byte[] buffer, int at)
        {
            return ((uint)buffer[at] << 24) | ((uint)buffer[at + 1] << 16) | ((uint)buffer[at + 2] << 8) | buffer[at + 3];
        }
    }
}
