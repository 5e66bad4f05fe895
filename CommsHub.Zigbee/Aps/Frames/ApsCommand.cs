namespace CommsHub.Aps
{
    /// <summary>
    /// One APS command payload (Zigbee specification 4.4.10), in one reusable holder. The key is held in a
    /// 16-byte array owned by the holder, so decoding a Transport-Key allocates nothing.
    /// </summary>
    public sealed class ApsCommand
    {
        public const int KeyLength = 16;

        public ApsCommand()
        {
            Key = new byte[KeyLength];
        }

        public byte CommandId { get; set; }

        /// <summary>Transport-Key and Request-Key key type; Verify-Key and Confirm-Key standard key type.</summary>
        public byte KeyType { get; set; }

        /// <summary>The key of a Transport-Key; the initiator verify-key hash of a Verify-Key.</summary>
        public byte[] Key { get; private set; }

        public byte KeySequence { get; set; }

        /// <summary>Transport-Key destination, Update-Device and Remove-Device device, Confirm-Key destination.</summary>
        public ulong DestinationIeee { get; set; }

        /// <summary>Transport-Key source (the trust centre), Verify-Key source.</summary>
        public ulong SourceIeee { get; set; }

        /// <summary>Application link key partner; Request-Key partner.</summary>
        public ulong PartnerIeee { get; set; }

        public bool Initiator { get; set; }

        /// <summary>Update-Device short address.</summary>
        public ushort ShortAddress { get; set; }

        /// <summary>Update-Device status; Confirm-Key status.</summary>
        public byte Status { get; set; }
    }
}
