using System;

namespace CommsHub.Crypto
{
    /// <summary>Deterministic ECDSA nonces (RFC 6979 section 3.2) for a 256-bit order with HMAC-SHA256.</summary>
    internal sealed class Rfc6979
    {
        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly uint[] _order;
        private readonly byte[] _k = new byte[32];
        private readonly byte[] _v = new byte[32];
        private bool _first = true;

        public Rfc6979(byte[] privateKey, byte[] hash, uint[] order)
        {
            _order = order;
            uint[] h = MontgomeryField.FromBigEndian(hash, 0);
            if (!MontgomeryField.Less(h, order))
            {
                MontgomeryField.SubtractRaw(h, order, h);
            }

            byte[] reducedHash = new byte[32];
            MontgomeryField.ToBigEndian(h, reducedHash, 0);
            for (int i = 0; i < 32; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }

            Step(0x00, privateKey, reducedHash);
            Step(0x01, privateKey, reducedHash);
        }

        public uint[] Next()
        {
            while (true)
            {
                if (!_first)
                {
                    Mac(_k, _v, 0x00, null, null, true);
                    Mac(_v, _v, 0xFF, null, null, false);
                }

                _first = false;
                Mac(_v, _v, 0xFF, null, null, false);
                uint[] k = MontgomeryField.FromBigEndian(_v, 0);
                if (!MontgomeryField.IsZero(k) && MontgomeryField.Less(k, _order))
                {
                    return k;
                }
            }
        }

        private void Step(byte separator, byte[] privateKey, byte[] hash)
        {
            Mac(_k, _v, separator, privateKey, hash, true);
            Mac(_v, _v, 0xFF, null, null, false);
        }

        /// <summary>target = HMAC_K(V [‖ separator ‖ key ‖ hash]); separator 0xFF means "V only".</summary>
        private void Mac(byte[] target, byte[] v, byte separator, byte[] key, byte[] hash, bool withSeparator)
        {
            _hmac.Init(_k);
            _hmac.Update(v, 0, 32);
            if (withSeparator)
            {
                byte[] one = new byte[] { separator };
                _hmac.Update(one, 0, 1);
                if (key != null)
                {
                    _hmac.Update(key, 0, 32);
                    _hmac.Update(hash, 0, 32);
                }
            }

            byte[] mac = new byte[32];
            _hmac.Finish(mac, 0);
            Array.Copy(mac, target, 32);
        }
    }
}
