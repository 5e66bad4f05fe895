namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// [decision] How a suite 2 certificate's validity period is checked against the hub's clock, which the
    /// WAN sets and which may not be trusted (not yet set since power-up, or out of its plausible range).
    /// With a trusted clock the certificate must be within [valid from, valid from + valid to) (valid to
    /// FFFFFFFF: no end). With an untrusted clock the period is not checked: refusing would stop every
    /// device registering until the head-end sets the time, while the issuer check, the key-usage check and
    /// the key confirmation still bind the key to a certificate from the hub's CA. The cost is that an
    /// expired certificate is accepted while the clock is untrusted. A certificate outside its period ends
    /// in <see cref="OutsideValidityStatus"/>: the cluster has no status of its own for it, and BAD_MESSAGE
    /// is the one that does not claim the issuer is unknown or the usage wrong.
    /// </summary>
    public static class CertificateValidityPolicy
    {
        public const bool CheckWithUntrustedClock = false;

        public const byte OutsideValidityStatus = KeyEstablishmentStatus.BadMessage;

        /// <summary>Whether a certificate is acceptable at <paramref name="nowUnixSeconds"/>.</summary>
        public static bool IsWithinValidity(ImplicitCertificate certificate, long nowUnixSeconds, bool clockTrusted)
        {
            if (certificate.Suite != KeyEstablishmentSuite.Suite2)
            {
                return true;
            }

            if (!clockTrusted && !CheckWithUntrustedClock)
            {
                return true;
            }

            if (nowUnixSeconds < certificate.ValidFrom)
            {
                return false;
            }

            return certificate.ValidTo == ImplicitCertificate.NoExpiry || nowUnixSeconds < certificate.ValidFrom + certificate.ValidTo;
        }
    }
}
