namespace CommsHub.Mac
{
    /// <summary>MCPS/MLME status values (IEEE 802.15.4-2006 table 78) reported in data confirms.</summary>
    public static class MacStatus
    {
        public const int Success = 0x00;
        public const int ChannelAccessFailure = 0xE1;
        public const int NoAck = 0xE9;
        public const int TransactionExpired = 0xF0;
        public const int TransactionOverflow = 0xF1;
        public const int InvalidParameter = 0xE8;

        public static string Name(int status)
        {
            switch (status)
            {
                case Success: return "SUCCESS";
                case ChannelAccessFailure: return "CHANNEL_ACCESS_FAILURE";
                case NoAck: return "NO_ACK";
                case TransactionExpired: return "TRANSACTION_EXPIRED";
                case TransactionOverflow: return "TRANSACTION_OVERFLOW";
                case InvalidParameter: return "INVALID_PARAMETER";
                default: return "0x" + Platform.Hex.Format(status, 2);
            }
        }
    }
}
