using System;
using CommsHub.Security;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CommsHub.VirtualBoard.Crypto
{
    /// <summary>
    /// A test certificate authority for CBKE: issues ECQV implicit certificates (SEC 4) for suite 1 (sect163k1,
    /// 48-byte certificates) and suite 2 (sect283k1, 74-byte certificates). The CA makes the subject's key pair
    /// itself (a bench has no secure requester): with k random, the reconstruction point is P = k·G, e is the
    /// certificate's AES-MMO hash read big-endian, and the subject's private key is d = e·k + d_CA mod n, so that
    /// d·G = e·P + Q_CA, the public key any responder reconstructs. Not a production CA: its keys are on disk.
    /// Bad input throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    public sealed class TestCertificateAuthority
    {
        /// <summary>"TESTSECA", the issuer of the Certicom test certificates.</summary>
        public const ulong TestIssuer = 0x5445535453454341;

        private static readonly byte[] Suite1ProfileData = Convert.FromHexString("01090006000000000000");

        private readonly X9ECParameters _curve;
        private readonly SecureRandom _random;

        public TestCertificateAuthority(int suite, BigInteger caPrivateKey, SecureRandom random)
        {
            if (suite != 1 && suite != 2)
            {
                throw new ArgumentException("suite: 1 (sect163k1) or 2 (sect283k1)");
            }

            Suite = suite;
            _curve = SecNamedCurves.GetByName(suite == 1 ? "sect163k1" : "sect283k1");
            _random = random ?? throw new ArgumentException("random: a source of randomness is needed");
            CaPrivateKey = caPrivateKey ?? RandomScalar();
            if (CaPrivateKey.SignValue <= 0 || CaPrivateKey.CompareTo(_curve.N) >= 0)
            {
                throw new ArgumentException("CA private key: must be between 1 and n - 1");
            }
        }

        public int Suite { get; }

        public BigInteger CaPrivateKey { get; }

        public int PrivateKeyLength => Suite == 1 ? 21 : 36;

        public int CertificateLength => Suite == 1 ? 48 : 74;

        public byte[] CaPublicKey => _curve.G.Multiply(CaPrivateKey).Normalize().GetEncoded(true);

        public byte[] CaPrivateKeyBytes => Fixed(CaPrivateKey, PrivateKeyLength);

        public IssuedCertificate Issue(ulong subject, ulong issuer, long validFrom, uint validTo, byte keyUsage, ulong serial)
        {
            BigInteger k = RandomScalar();
            byte[] reconstruction = _curve.G.Multiply(k).Normalize().GetEncoded(true);
            byte[] certificate = new byte[CertificateLength];
            if (Suite == 1)
            {
                reconstruction.CopyTo(certificate, 0);
                WriteBigEndian(subject, certificate, 22, 8);
                WriteBigEndian(issuer, certificate, 30, 8);
                Suite1ProfileData.CopyTo(certificate, 38);
            }
            else
            {
                if (validFrom < 0 || validFrom > 0xFFFFFFFFFFL)
                {
                    throw new ArgumentException("valid-from: seconds since 1970 in 40 bits");
                }

                certificate[0] = 0x00;
                WriteBigEndian(serial, certificate, 1, 8);
                certificate[9] = 0x0D;
                certificate[10] = 0x08;
                WriteBigEndian(issuer, certificate, 11, 8);
                WriteBigEndian((ulong)validFrom, certificate, 19, 5);
                WriteBigEndian(validTo, certificate, 24, 4);
                WriteBigEndian(subject, certificate, 28, 8);
                certificate[36] = keyUsage;
                reconstruction.CopyTo(certificate, 37);
            }

            var e = new BigInteger(1, Hash(certificate));
            BigInteger d = e.Multiply(k).Add(CaPrivateKey).Mod(_curve.N);
            if (d.SignValue == 0)
            {
                return Issue(subject, issuer, validFrom, validTo, keyUsage, serial);
            }

            byte[] publicKey = _curve.G.Multiply(d).Normalize().GetEncoded(true);
            byte[] reconstructed = _curve.Curve.DecodePoint(reconstruction).Multiply(e)
                .Add(_curve.Curve.DecodePoint(CaPublicKey)).Normalize().GetEncoded(true);
            if (!publicKey.AsSpan().SequenceEqual(reconstructed))
            {
                throw new InvalidOperationException("ECQV check failed: the reconstructed key is not the issued key");
            }

            return new IssuedCertificate(certificate, Fixed(d, PrivateKeyLength), publicKey);
        }

        /// <summary>A certificate for <paramref name="subject"/> with this CA's defaults: issuer "TESTSECA", valid from 1970 without end, key agreement and signature.</summary>
        public IssuedCertificate Issue(ulong subject) => Issue(subject, TestIssuer, 0, 0xFFFFFFFF, 0x88, subject);

        public static BigInteger ParseKey(string hex)
        {
            try
            {
                return new BigInteger(1, Convert.FromHexString(hex));
            }
            catch (FormatException)
            {
                throw new ArgumentException("CA private key: not hexadecimal");
            }
        }

        /// <summary>The AES-MMO hash of a certificate (e of ECQV).</summary>
        public static byte[] Hash(byte[] certificate)
        {
            byte[] e = new byte[AesMmoHash.Length];
            using var aes = new DotNetAes();
            new AesMmoHash(aes).Compute(certificate, 0, certificate.Length, e, 0);
            return e;
        }

        private BigInteger RandomScalar()
        {
            BigInteger k;
            do
            {
                k = new BigInteger(_curve.N.BitLength, _random);
            }
            while (k.SignValue == 0 || k.CompareTo(_curve.N) >= 0);
            return k;
        }

        private static byte[] Fixed(BigInteger value, int length)
        {
            byte[] raw = value.ToByteArrayUnsigned();
            byte[] result = new byte[length];
            raw.CopyTo(result, length - raw.Length);
            return result;
        }

        private static void WriteBigEndian(ulong value, byte[] buffer, int offset, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }

    /// <summary>An issued implicit certificate with the subject's private and public keys.</summary>
    public sealed record IssuedCertificate(byte[] Certificate, byte[] PrivateKey, byte[] PublicKey);
}
