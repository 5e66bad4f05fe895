namespace CommsHub.Security
{
    /// <summary>
    /// Zigbee outgoing and incoming frame security (Zigbee specification 4.3.1 and 4.4.1), for NWK and APS alike:
    /// the header up to and including the auxiliary header is authenticated, the payload encrypted, the MIC
    /// appended. The nonce is the source EUI-64, the frame counter and the security control byte with the real
    /// level; the level is authenticated as the real one but sent as 0, as section 4.3.1.1 requires.
    /// </summary>
    public sealed class FrameSecurity
    {
        public const string MicMismatch = "MIC check failed (wrong key, altered frame or replayed nonce)";

        private readonly CcmStar _ccm;
        private readonly byte[] _nonce = new byte[CcmStar.NonceLength];

        public FrameSecurity(IAesBlock aes)
        {
            _ccm = new CcmStar(aes);
            Level = SecurityLevel.Zigbee;
        }

        /// <summary>nwkSecurityLevel / the APS security level: 5 in every Zigbee PRO network.</summary>
        public int Level { get; set; }

        public void SetKey(byte[] key, int offset)
        {
            _ccm.SetKey(key, offset);
        }

        /// <summary>
        /// Secures in place a frame whose <paramref name="headerLength"/> header bytes end with the auxiliary header
        /// <paramref name="aux"/> and whose payload follows; writes the MIC after it and returns the frame's whole
        /// length. <paramref name="nonceSource"/> is the sender's EUI-64 (the auxiliary header's when it carries one).
        /// </summary>
        public int Secure(byte[] frame, int offset, int headerLength, int payloadLength, AuxiliaryHeader aux, ulong nonceSource)
        {
            int control = offset + headerLength - aux.Length;
            byte real = aux.Control(Level);
            frame[control] = real;
            CcmStar.WriteNonce(_nonce, 0, nonceSource, aux.FrameCounter, real);
            int mic = _ccm.Secure(Level, _nonce, 0, frame, offset, headerLength, payloadLength);
            frame[control] = aux.Control(0);
            return mic < 0 ? mic : headerLength + payloadLength + mic;
        }

        /// <summary>Checks and decrypts in place; null when the MIC is good, else what failed (the frame is left as it came).</summary>
        public string Unsecure(byte[] frame, int offset, int headerLength, int payloadLength, AuxiliaryHeader aux, ulong nonceSource)
        {
            int control = offset + headerLength - aux.Length;
            byte onAir = frame[control];
            byte real = aux.Control(Level);
            frame[control] = real;
            CcmStar.WriteNonce(_nonce, 0, nonceSource, aux.FrameCounter, real);
            int status = _ccm.Unsecure(Level, _nonce, 0, frame, offset, headerLength, payloadLength);
            frame[control] = onAir;
            if (status == CcmStar.Ok)
            {
                return null;
            }

            return status == CcmStar.MicMismatch ? MicMismatch : "secured frame longer than a PHY packet";
        }
    }
}
