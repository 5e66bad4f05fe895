using System;
using CommsHub.Work;

namespace CommsHub.Crypto
{
    /// <summary>
    /// An ECDSA P-256 signature (SHA-256, RFC 6979 nonce) computed across main-loop turns: hashing in pieces of two
    /// compressions, the nonce a third of an HMAC at a time, k·G and both inversions a few multiplications at a
    /// time. Gives the same r ‖ s as <see cref="P256.SignHash"/>.
    /// </summary>
    public sealed class EcdsaSigningJob : IWorkItem
    {
        private const int Hashing = 0;
        private const int FindingNonce = 1;
        private const int Multiplying = 2;
        private const int PreparingS = 3;
        private const int Inverting = 4;
        private const int Finishing = 5;
        private const int Done = 6;
        private const int HashPiece = 128;

        private readonly P256 _curve;
        private readonly MontgomeryField _n;
        private readonly byte[] _privateKey;
        private readonly byte[] _message;
        private readonly Sha256 _sha = new Sha256();
        private readonly uint[] _s = new uint[8];
        private readonly uint[] _km = new uint[8];
        private byte[] _hash;
        private uint[] _d;
        private uint[] _z;
        private uint[] _k;
        private uint[] _r;
        private Rfc6979 _nonces;
        private ScalarMultiplication _multiplication;
        private FieldInversion _inversion;
        private int _hashed;
        private int _phase;

        /// <summary>Signs SHA-256 of <paramref name="count"/> bytes (copied now) with a key the caller has checked.</summary>
        public EcdsaSigningJob(P256 curve, byte[] privateKey, byte[] message, int offset, int count)
        {
            _curve = curve;
            _n = curve.Order;
            _privateKey = privateKey;
            _message = new byte[count];
            Array.Copy(message, offset, _message, 0, count);
            _sha.Meter = curve.Meter;
        }

        public int LargestStepUnits
        {
            get { return (ScalarMultiplication.LargestStepMultiplications * WorkBudget.FieldMultiplicationUnits) + 1000; }
        }

        public bool IsDone
        {
            get { return _phase == Done; }
        }

        /// <summary>r ‖ s once done, else null.</summary>
        public byte[] Signature { get; private set; }

        public bool WaitsForHardware
        {
            get { return false; }
        }

        public bool Step()
        {
            switch (_phase)
            {
                case Hashing:
                    if (_hashed < _message.Length)
                    {
                        int piece = _message.Length - _hashed < HashPiece ? _message.Length - _hashed : HashPiece;
                        _sha.Update(_message, _hashed, piece);
                        _hashed += piece;
                        return false;
                    }

                    _hash = new byte[32];
                    _sha.Finish(_hash, 0);
                    _d = P256.CheckedScalar(_privateKey, 0, "private key");
                    _z = P256.ReduceOnce(MontgomeryField.FromBigEndian(_hash, 0), P256.OrderN);
                    _nonces = new Rfc6979(_privateKey, _hash, P256.OrderN);
                    _nonces.Meter = _curve.Meter;
                    _phase = FindingNonce;
                    return false;
                case FindingNonce:
                    if (_nonces.Step())
                    {
                        _k = _nonces.Candidate;
                        _multiplication = null;
                        _phase = Multiplying;
                    }

                    return false;
                case Multiplying:
                    if (_multiplication == null)
                    {
                        _multiplication = new ScalarMultiplication(_curve, _k);
                        return false;
                    }

                    if (!_multiplication.Step())
                    {
                        return false;
                    }

                    _r = P256.ReduceOnce(_multiplication.X, P256.OrderN);
                    if (MontgomeryField.IsZero(_r))
                    {
                        _phase = FindingNonce;
                        return false;
                    }

                    _phase = PreparingS;
                    return false;
                case PreparingS:
                    // s = k^-1 (z + r d) mod n, in the order's Montgomery domain; k^-1 comes from the stepped inversion.
                    uint[] rm = new uint[8];
                    uint[] dm = new uint[8];
                    uint[] zm = new uint[8];
                    _n.ToMontgomery(_k, _km);
                    _n.ToMontgomery(_r, rm);
                    _n.ToMontgomery(_d, dm);
                    _n.ToMontgomery(_z, zm);
                    _n.Multiply(rm, dm, _s);
                    _n.Add(_s, zm, _s);
                    _inversion = new FieldInversion(_n, _km);
                    _phase = Inverting;
                    return false;
                case Inverting:
                    if (_inversion.Step())
                    {
                        _phase = Finishing;
                    }

                    return false;
                case Finishing:
                    _n.Multiply(_s, _inversion.Result, _s);
                    _n.FromMontgomery(_s, _s);
                    if (MontgomeryField.IsZero(_s))
                    {
                        _phase = FindingNonce;
                        return false;
                    }

                    byte[] signature = new byte[P256.SignatureLength];
                    MontgomeryField.ToBigEndian(_r, signature, 0);
                    MontgomeryField.ToBigEndian(_s, signature, 32);
                    Signature = signature;
                    _phase = Done;
                    return true;
                default:
                    return true;
            }
        }
    }
}
