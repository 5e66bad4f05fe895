namespace CommsHub.Mac
{
    /// <summary>IEEE 802.15.4-2006 frame types (frame control bits 0–2); the values 4–7 are reserved.</summary>
    public static class MacFrameType
    {
        public const int Beacon = 0;
        public const int Data = 1;
        public const int Acknowledgment = 2;
        public const int Command = 3;

        public static string Name(int type)
        {
            switch (type)
            {
                case Beacon: return "beacon";
                case Data: return "data";
                case Acknowledgment: return "ack";
                case Command: return "command";
                default: return "reserved";
            }
        }
    }
}
