using System;
using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>HMAC-SHA256 (RFC 2104), for deterministic ECDSA nonces.</summary>
    public sealed class HmacSha256
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _inner = new byte[64];
        private readonly byte[] _outer = new byte[64];
        private readonly byte[] _innerHash = new byte[32];

        public WorkMeter Meter
        {
            get { return _sha.Meter; }
            set { _sha.Meter = value; }
        }

        public void Init(byte[] key)
        {
            byte[] k = key.Length > 64 ? Sha256.Hash(key, 0, key.Length) : key;
            for (int i = 0; i < 64; i++)
            {
                byte b = i < k.Length ? k[i] : (byte)0;
                _inner[i] = (byte)(b ^ 0x36);
                _outer[i] = (byte)(b ^ 0x5C);
            }

            _sha.Reset();
            _sha.Update(_inner, 0, 64);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        /// <summary>Writes the MAC; Init must be called again before the next message.</summary>
        public void Finish(byte[] mac, int offset)
        {
            FinishInner();
            FinishOuter(mac, offset);
        }

        /// <summary>First half of <see cref="Finish"/> (two compressions), so a stepped caller can split the work.</summary>
        public void FinishInner()
        {
            _sha.Finish(_innerHash, 0);
            _sha.Update(_outer, 0, 64);
        }

        /// <summary>Second half of <see cref="Finish"/> (one compression).</summary>
        public void FinishOuter(byte[] mac, int offset)
        {
            _sha.Update(_innerHash, 0, 32);
            _sha.Finish(mac, offset);
        }

        public static byte[] Compute(byte[] key, byte[] data)
        {
            HmacSha256 hmac = new HmacSha256();
            hmac.Init(key);
            hmac.Update(data, 0, data.Length);
            byte[] mac = new byte[32];
            hmac.Finish(mac, 0);
            return mac;
        }
    }
}
