namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The one message the responder has to send after a call (server to client): its command, payload and
    /// the device it goes to. The caller sends it before the next call, which overwrites it.
    /// </summary>
    public sealed class KeyEstablishmentOutput
    {
        public readonly byte[] Payload = new byte[KeyEstablishmentFrames.InitiateHeaderLength + ImplicitCertificate.MaxLength];

        public bool Ready;
        public ulong Destination;
        public byte CommandId;
        public int Length;

        /// <summary>For a Terminate: its status (else 0).</summary>
        public byte TerminateStatus;

        internal void Clear()
        {
            Ready = false;
            Length = 0;
            TerminateStatus = 0;
        }
    }
}
