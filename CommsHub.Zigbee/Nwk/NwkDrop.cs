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

        /// <summary>A secured frame from an EUI-64 that is neither a neighbour nor a known device.</summary>
        public const int UnknownNeighbour = 4;

        /// <summary>A data or command frame without NWK security (only a trust centre rejoin request may be unsecured).</summary>
        public const int Unsecured = 5;

        /// <summary>A key sequence number other than the active network key's.</summary>
        public const int WrongKeySequence = 6;

        /// <summary>Addressed to another device, and not relayable (radius spent, or not a unicast).</summary>
        public const int NotForUs = 7;

        /// <summary>A NWK command whose payload did not decode, or that makes no sense where it came from.</summary>
        public const int MalformedCommand = 8;

        /// <summary>A command (a leave, a timeout request) naming a short address the hub does not know.</summary>
        public const int UnknownDevice = 9;

        /// <summary>A broadcast heard again (same NWK source and sequence number) within the broadcast delivery time.</summary>
        public const int DuplicateBroadcast = 10;

        /// <summary>A route record with more relays than the source route table keeps.</summary>
        public const int RouteTooLong = 11;

        /// <summary>A frame to relay for which the hub has no route (the originator is told with a Network Status).</summary>
        public const int NoRoute = 12;

        /// <summary>A frame whose NWK source IEEE address is not the device the hub knows that short address by.</summary>
        public const int AddressConflict = 13;

        public const int Count = 14;

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
                case MalformedCommand: return "malformed command";
                case UnknownDevice: return "unknown device";
                case DuplicateBroadcast: return "duplicate broadcast";
                case RouteTooLong: return "route too long";
                case NoRoute: return "no route";
                case AddressConflict: return "address conflict";
                default: return "?";
            }
        }
    }
}
