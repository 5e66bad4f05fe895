using CommsHub.Security;

namespace CommsHub.Clusters.KeyEstablishment
{
    /// <summary>
    /// The hashing around the curve work: e = AES-MMO(certificate); the KDF MacKey = MMO(Z ‖ 00000001),
    /// KeyData = MMO(Z ‖ 00000002); and the key-confirmation MACs
    /// MACU = HMAC-MMO(MacKey, 02 ‖ IDU ‖ IDV ‖ QEU ‖ QEV), MACV = HMAC-MMO(MacKey, 03 ‖ IDV ‖ IDU ‖ QEV ‖ QEU),
    /// U the initiator and V the responder, EUI-64s most significant byte first, points compressed.
    /// Buffers are allocated once; each call is a handful of AES blocks.
    /// </summary>
    public sealed class CbkeKeyDerivation
    {
        public const byte InitiatorMacPrefix = 0x02;
        public const byte ResponderMacPrefix = 0x03;

        private readonly AesMmoHash _mmo;
        private readonly KeyedHash _hmac;
        private readonly byte[] _counter = new byte[4];
        private readonly byte[] _text = new byte[1 + 8 + 8 + 37 + 37];

        public readonly byte[] MacKey = new byte[16];
        public readonly byte[] KeyData = new byte[16];

        public CbkeKeyDerivation(IAesBlock aes)
        {
            _mmo = new AesMmoHash(aes);
            _hmac = new KeyedHash(aes);
        }

        public void HashCertificate(byte[] certificate, int length, byte[] e)
        {
            _mmo.Compute(certificate, 0, length, e, 0);
        }

        public void Derive(byte[] z, int zLength)
        {
            DeriveOne(z, zLength, 1, MacKey);
            DeriveOne(z, zLength, 2, KeyData);
        }

        /// <summary>HMAC-MMO(MacKey, prefix ‖ idFirst ‖ idSecond ‖ pointFirst ‖ pointSecond) into mac.</summary>
        public void Mac(byte prefix, ulong idFirst, ulong idSecond, byte[] pointFirst, byte[] pointSecond, int pointLength, byte[] mac)
        {
            _text[0] = prefix;
            ImplicitCertificate.WriteUlong(idFirst, _text, 1, 8);
            ImplicitCertificate.WriteUlong(idSecond, _text, 9, 8);
            System.Array.Copy(pointFirst, 0, _text, 17, pointLength);
            System.Array.Copy(pointSecond, 0, _text, 17 + pointLength, pointLength);
            _hmac.Compute(MacKey, 0, _text, 0, 17 + (2 * pointLength), mac, 0);
        }

        public void Clear()
        {
            System.Array.Clear(MacKey, 0, 16);
            System.Array.Clear(KeyData, 0, 16);
            System.Array.Clear(_text, 0, _text.Length);
        }

        private void DeriveOne(byte[] z, int zLength, byte counter, byte[] output)
        {
            _counter[3] = counter;
            _mmo.Reset();
            _mmo.Update(z, 0, zLength);
            _mmo.Update(_counter, 0, 4);
            _mmo.Final(output, 0);
        }
    }
}
