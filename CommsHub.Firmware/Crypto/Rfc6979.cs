using System;
using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>
    /// Deterministic ECDSA nonces (RFC 6979 section 3.2) for a 256-bit order with HMAC-SHA256. Runs as steps of at
    /// most two SHA-256 compressions, so a signature can be computed across main-loop turns.
    /// </summary>
    internal sealed class Rfc6979
    {
        /// <summary>The HMACs of section 3.2: which of K or V each updates, its separator byte, and whether key and hash follow.</summary>
        private static readonly bool[] UpdatesK = new bool[] { true, false, true, false, false, true, false };
        private static readonly int[] Separator = new int[] { 0x00, -1, 0x01, -1, -1, 0x00, -1 };
        private static readonly bool[] WithKeyAndHash = new bool[] { true, false, true, false, false, false, false };
        private const int CandidateOp = 4;
        private const int RetryOp = 5;

        private readonly HmacSha256 _hmac = new HmacSha256();
        private readonly uint[] _order;
        private readonly byte[] _privateKey;
        private readonly byte[] _reducedHash = new byte[32];
        private readonly byte[] _k = new byte[32];
        private readonly byte[] _v = new byte[32];
        private readonly byte[] _mac = new byte[32];
        private readonly byte[] _separator = new byte[1];
        private int _op;
        private int _part;

        public Rfc6979(byte[] privateKey, byte[] hash, uint[] order)
        {
            _order = order;
            _privateKey = privateKey;
            uint[] h = MontgomeryField.FromBigEndian(hash, 0);
            if (!MontgomeryField.Less(h, order))
            {
                MontgomeryField.SubtractRaw(h, order, h);
            }

            MontgomeryField.ToBigEndian(h, _reducedHash, 0);
            for (int i = 0; i < 32; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }
        }

        public WorkMeter Meter
        {
            get { return _hmac.Meter; }
            set { _hmac.Meter = value; }
        }

        /// <summary>The nonce found by the last <see cref="Step"/> that returned true.</summary>
        public uint[] Candidate { get; private set; }

        /// <summary>All steps at once: the next valid nonce.</summary>
        public uint[] Next()
        {
            while (!Step())
            {
            }

            return Candidate;
        }

        /// <summary>One third of one HMAC; true when it produced a nonce in [1, n-1] (later steps look for the next one).</summary>
        public bool Step()
        {
            if (_part == 0)
            {
                _hmac.Init(_k);
                _hmac.Update(_v, 0, 32);
                if (Separator[_op] >= 0)
                {
                    _separator[0] = (byte)Separator[_op];
                    _hmac.Update(_separator, 0, 1);
                }

                if (WithKeyAndHash[_op])
                {
                    _hmac.Update(_privateKey, 0, 32);
                    _hmac.Update(_reducedHash, 0, 32);
                }

                _part = 1;
                return false;
            }

            if (_part == 1)
            {
                _hmac.FinishInner();
                _part = 2;
                return false;
            }

            _hmac.FinishOuter(_mac, 0);
            Array.Copy(_mac, UpdatesK[_op] ? _k : _v, 32);
            _part = 0;
            int done = _op;
            _op = done == CandidateOp ? RetryOp : done == UpdatesK.Length - 1 ? CandidateOp : done + 1;
            if (done != CandidateOp)
            {
                return false;
            }

            uint[] k = MontgomeryField.FromBigEndian(_v, 0);
            if (MontgomeryField.IsZero(k) || !MontgomeryField.Less(k, _order))
            {
                return false;
            }

            Candidate = k;
            return true;
        }
    }
}
