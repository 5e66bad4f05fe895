namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// Payload codecs (after the ZCL header) of the Key Establishment commands, the same in both directions:
    /// Initiate Key Establishment (suite u16, EphemeralDataGenerateTime u8, ConfirmKeyGenerateTime u8,
    /// identity = certificate), Ephemeral Data (a compressed point), Confirm Key Data (a 16-byte MAC) and
    /// Terminate Key Establishment (status u8, wait time u8, suite u16). Decoders check lengths exactly (a
    /// truncated or oversized payload is refused), return null or a text naming the failing field, and never
    /// throw; encoders return the bytes written.
    /// </summary>
    public static class KeyEstablishmentFrames
    {
        public const int InitiateHeaderLength = 4;
        public const int TerminateLength = 4;

        /// <summary>
        /// Reads an Initiate Key Establishment Request or Response. The suite is read first; an unknown suite
        /// is reported by <paramref name="initiate"/>.Suite with the failure "suite: unsupported".
        /// </summary>
        public static string DecodeInitiate(byte[] payload, int offset, int length, InitiateKeyEstablishment initiate)
        {
            initiate.Suite = 0;
            if (payload == null || offset < 0 || length < 0 || offset + length > payload.Length)
            {
                return "payload: buffer does not hold the stated length";
            }

            if (length < 2)
            {
                return "KeyEstablishmentSuite: truncated";
            }

            initiate.Suite = (ushort)(payload[offset] | (payload[offset + 1] << 8));
            if (!KeyEstablishmentSuite.IsSingleKnownSuite(initiate.Suite))
            {
                return UnsupportedSuite;
            }

            if (length < InitiateHeaderLength)
            {
                return length < 3 ? "EphemeralDataGenerateTime: truncated" : "ConfirmKeyGenerateTime: truncated";
            }

            initiate.EphemeralDataGenerateTime = payload[offset + 2];
            initiate.ConfirmKeyGenerateTime = payload[offset + 3];
            string failure = initiate.Identity.Parse(payload, offset + InitiateHeaderLength, length - InitiateHeaderLength, initiate.Suite);
            return failure == null ? null : "Identity " + failure;
        }

        /// <summary>The failure text of a suite other than exactly suite 1 or suite 2.</summary>
        public const string UnsupportedSuite = "KeyEstablishmentSuite: unsupported";

        public static int EncodeInitiate(ushort suite, byte ephemeralDataGenerateTime, byte confirmKeyGenerateTime,
            byte[] certificate, int certificateOffset, int certificateLength, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)suite;
            buffer[offset + 1] = (byte)(suite >> 8);
            buffer[offset + 2] = ephemeralDataGenerateTime;
            buffer[offset + 3] = confirmKeyGenerateTime;
            System.Array.Copy(certificate, certificateOffset, buffer, offset + InitiateHeaderLength, certificateLength);
            return InitiateHeaderLength + certificateLength;
        }

        /// <summary>Checks an Ephemeral Data payload: exactly one compressed point of the suite (its value is the curve's to check).</summary>
        public static string CheckEphemeralData(byte[] payload, int offset, int length, ushort suite)
        {
            if (payload == null || offset < 0 || length < 0 || offset + length > payload.Length)
            {
                return "payload: buffer does not hold the stated length";
            }

            int expected = KeyEstablishmentSuite.PointLength(suite);
            if (length != expected)
            {
                return length < expected ? "EphemeralData: shorter than a point of the suite" : "EphemeralData: longer than a point of the suite";
            }

            return null;
        }

        public static int EncodeEphemeralData(byte[] point, int pointOffset, int pointLength, byte[] buffer, int offset)
        {
            System.Array.Copy(point, pointOffset, buffer, offset, pointLength);
            return pointLength;
        }

        /// <summary>Checks a Confirm Key Data payload: exactly the 16-byte MAC.</summary>
        public static string CheckConfirmKeyData(byte[] payload, int offset, int length)
        {
            if (payload == null || offset < 0 || length < 0 || offset + length > payload.Length)
            {
                return "payload: buffer does not hold the stated length";
            }

            if (length != KeyEstablishmentSuite.MacLength)
            {
                return length < KeyEstablishmentSuite.MacLength ? "SecureMessageAuthenticationCode: truncated" : "SecureMessageAuthenticationCode: longer than 16 bytes";
            }

            return null;
        }

        public static int EncodeConfirmKeyData(byte[] mac, int macOffset, byte[] buffer, int offset)
        {
            System.Array.Copy(mac, macOffset, buffer, offset, KeyEstablishmentSuite.MacLength);
            return KeyEstablishmentSuite.MacLength;
        }

        public static string DecodeTerminate(byte[] payload, int offset, int length, TerminateKeyEstablishment terminate)
        {
            if (payload == null || offset < 0 || length < 0 || offset + length > payload.Length)
            {
                return "payload: buffer does not hold the stated length";
            }

            if (length != TerminateLength)
            {
                return length < 1 ? "StatusCode: truncated" : length < 2 ? "WaitTime: truncated" : length < 4 ? "KeyEstablishmentSuite: truncated" : "Terminate: longer than 4 bytes";
            }

            terminate.StatusCode = payload[offset];
            terminate.WaitTime = payload[offset + 1];
            terminate.Suite = (ushort)(payload[offset + 2] | (payload[offset + 3] << 8));
            return null;
        }

        public static int EncodeTerminate(byte status, byte waitTime, ushort suite, byte[] buffer, int offset)
        {
            buffer[offset] = status;
            buffer[offset + 1] = waitTime;
            buffer[offset + 2] = (byte)suite;
            buffer[offset + 3] = (byte)(suite >> 8);
            return TerminateLength;
        }
    }
}
