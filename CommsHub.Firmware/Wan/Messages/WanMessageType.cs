namespace CommsHub.Wan.Messages
{
    /// <summary>Message types of the WAN protocol (see ../PROTOCOL.md).</summary>
    public static class WanMessageType
    {
        public const byte SetTime = 0x01;
        public const byte GetIdentity = 0x02;
        public const byte ImageBegin = 0x03;
        public const byte ImageChunk = 0x04;
        public const byte ImageEnd = 0x05;
        public const byte GetStatus = 0x06;
        public const byte DeviceLogAdd = 0x07;
        public const byte DeviceLogRemove = 0x08;
        public const byte AlertAck = 0x09;
        public const byte SimulateActivation = 0x0A;
        public const byte SetSigningKey = 0x0B;
        public const byte GetDeviceLog = 0x0C;
        public const byte SetTimeMilliseconds = 0x0D;
        public const byte SetCbkeCredentials = 0x0E;

        public const byte Ack = 0x81;
        public const byte Identity = 0x82;
        public const byte ImageReply = 0x83;
        public const byte Status = 0x86;
        public const byte DeviceLogList = 0x87;
        public const byte Alert = 0x40;
        public const byte FirmwareActivated = 0x42;
    }
}
