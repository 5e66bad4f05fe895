namespace CommsHub.Alerts
{
    /// <summary>
    /// What happened to one image for one target device: becomes exactly one CCS08 alert. Numbers are
    /// assigned by the image store, strictly increasing, and are how the hand-over to the alert queue stays
    /// exactly-once across power cuts.
    /// </summary>
    public sealed class TargetOutcome
    {
        public uint Number;
        public ulong Device;
        public ushort AlertCode;
        public byte ResponseCode;
        public uint FileVersion;

        /// <summary>UTC ticks when the outcome was decided.</summary>
        public long Ticks;

        /// <summary>The alert queue's bookkeeping: where the record is, and whether the head-end has it.</summary>
        public int QueueAddress;

        public bool Acknowledged;

        /// <summary>
        /// The alert's r ‖ s, computed once and reused for every resend, and the public key it was made with. Kept in
        /// RAM only: the nonce is deterministic (RFC 6979), so signing again after a reboot gives the same bytes.
        /// </summary>
        public byte[] Signature;

        public byte[] SignedWith;

        public override string ToString()
        {
            return "#" + Number.ToString() + " " + CommsHub.Platform.Eui64.FromValue(Device).ToString() + " 0x" + CommsHub.Platform.Hex.Format(AlertCode, 4)
                + " " + TransferResponse.Name(ResponseCode) + " version " + CommsHub.Platform.Hex.Format(FileVersion, 8);
        }
    }
}
