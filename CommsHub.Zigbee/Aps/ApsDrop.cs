namespace CommsHub.Aps
{
    /// <summary>Why the APS layer dropped a frame the NWK layer handed up; each reason has its own counter.</summary>
    public static class ApsDrop
    {
        public const int Malformed = 0;

        /// <summary>A (source, APS counter) pair seen recently: a retransmission whose ack was lost.</summary>
        public const int Duplicate = 1;

        /// <summary>APS security under a key identifier the hub does not accept there (a command under the network key id, say).</summary>
        public const int WrongKeyId = 2;

        /// <summary>APS security with a link key the hub does not hold for that source.</summary>
        public const int NoLinkKey = 3;

        public const int BadMic = 4;

        /// <summary>An APS command without APS security: the trust centre takes none.</summary>
        public const int UnsecuredCommand = 5;

        /// <summary>A fragment out of order, beyond the block count its first fragment announced, or of no reassembly in progress.</summary>
        public const int FragmentOutOfOrder = 6;

        /// <summary>An APS auxiliary header cut short.</summary>
        public const int TruncatedAuxiliaryHeader = 7;

        /// <summary>An APS frame counter not above the last one accepted from that device under that link key.</summary>
        public const int Replayed = 8;

        /// <summary>A first fragment while every reassembly buffer is in use.</summary>
        public const int ReassemblyFull = 9;

        /// <summary>A fragmented payload longer than the reassembly buffer (the reassembly is abandoned).</summary>
        public const int FragmentTooLong = 10;

        /// <summary>A reassembly abandoned because its next block did not come in time.</summary>
        public const int ReassemblyTimedOut = 11;

        public const int Count = 12;
    }
}
