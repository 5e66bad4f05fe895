namespace CommsHub.Nwk
{
    /// <summary>
    /// Why the NWK layer dropped a frame from the air. Each reason has its own counter in <see cref="NwkLayer"/> so a
    /// bench can tell an attack (bad MIC, replay) from a misconfigured device (unknown neighbour, unsecured frame).
    /// </summary>
    public static class NwkDrop
    {
        /// <summary>The header did not decode: a field was cut short or reserved (the auxiliary header among them).</summary>
        public const int Malformed = 0;

        /// <summary>The auxiliary header (security control, frame counter, source, key sequence) was cut short.</summary>
        public const int TruncatedAuxiliaryHeader = 1;

        /// <summary>The MIC did not verify with the network key.</summary>
        public const int BadMic = 2;

        /// <summary>A frame counter no greater than the last one accepted from that source.</summary>
        public const int Replayed = 3;

        /// <summary>A secured frame from an EUI-64 that is not in the neighbour table.</summary>
        public const int UnknownNeighbour = 4;

        /// <summary>A data or command frame without NWK security (only the trust centre's own sends may be unsecured).</summary>
        public const int Unsecured = 5;

        /// <summary>A key sequence number other than the active network key's.</summary>
        public const int WrongKeySequence = 6;

        /// <summary>Addressed to neither the hub nor a broadcast address (the hub does not route yet).</summary>
        public const int NotForUs = 7;

        public const int Count = 8;

        public static string Name(int reason)
        {
            switch (reason)
            {
                case Malformed: return "malformed";
                case TruncatedAuxiliaryHeader: return "truncated auxiliary header";
                case BadMic: return "bad MIC";
                case Replayed: return "replayed frame counter";
                case UnknownNeighbour: return "unknown neighbour";
                case Unsecured: return "unsecured";
                case WrongKeySequence: return "wrong key sequence";
                case NotForUs: return "not for us";
                default: return "?";
            }
        }
    }
}
