using System;
using CommsHub.VirtualBoard.Zigbee;
using Org.BouncyCastle.Security;

namespace CommsHub.VirtualBoard.Crypto
{
    /// <summary>
    /// A bench's test CAs, one per CBKE suite, so the hub's and every device's certificates of a suite come from the
    /// same CA: <see cref="Issue"/> gives a subject its credentials. Seeded, so a bench run replays exactly.
    /// </summary>
    public sealed class BenchCertificateAuthorities
    {
        private readonly TestCertificateAuthority[] _authorities = new TestCertificateAuthority[2];

        public BenchCertificateAuthorities(long seed, ulong issuer = TestCertificateAuthority.TestIssuer)
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", false);
            random.SetSeed(seed);
            Issuer = issuer;
            _authorities[0] = new TestCertificateAuthority(1, null, random);
            _authorities[1] = new TestCertificateAuthority(2, null, random);
        }

        /// <summary>The issuer every certificate names (default "TESTSECA").</summary>
        public ulong Issuer { get; }

        /// <summary>The CA of suite 1 or 2.</summary>
        public TestCertificateAuthority Of(int suite)
        {
            if (suite != 1 && suite != 2)
            {
                throw new ArgumentException("suite: 1 (sect163k1) or 2 (sect283k1)");
            }

            return _authorities[suite - 1];
        }

        /// <summary>Credentials of <paramref name="suite"/> for <paramref name="subject"/> (an EUI-64): valid from 1970 without end, key agreement and signature.</summary>
        public CbkeCredentials Issue(int suite, ulong subject)
        {
            TestCertificateAuthority ca = Of(suite);
            IssuedCertificate issued = ca.Issue(subject, Issuer, 0, 0xFFFFFFFF, 0x88, subject);
            return new CbkeCredentials { Suite = (ushort)suite, Certificate = issued.Certificate, PrivateKey = issued.PrivateKey, CaPublicKey = ca.CaPublicKey };
        }

        /// <summary>Credentials of both suites for <paramref name="subject"/>.</summary>
        public CbkeCredentials[] IssueBoth(ulong subject) => new[] { Issue(1, subject), Issue(2, subject) };
    }
}
