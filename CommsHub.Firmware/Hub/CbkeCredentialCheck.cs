using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Security;
using CommsHub.Security.Ecc;
using CommsHub.Work;

namespace CommsHub.Hub
{
    /// <summary>
    /// Provisioned CBKE credentials on their way into flash, as an item of the main loop's work queue: first whether
    /// the private key belongs to the certificate (<see cref="KeyPairCheck"/>, in slices of
    /// <see cref="CbkeTimeSlicePolicy.TurnBudget"/> curve units charged to the meter like an exchange's), then, only
    /// if it does, the flash write (a page program, or when the sector is full a background erase polled in later
    /// turns and two page programs). <see cref="Refusal"/> says what was wrong once <see cref="Finished"/>.
    /// </summary>
    public sealed class CbkeCredentialCheck : IWorkItem
    {
        /// <summary>A flash step: two page programs of a record and their SPI framing, with the erase start or poll.</summary>
        public const int WriteStepUnits = (2 * (Work.WorkBudget.PageProgramUnits + Work.WorkBudget.SpiTransactionUnits + (160 * Work.WorkBudget.SpiByteUnits)))
            + (2 * Work.WorkBudget.SpiTransactionUnits);

        private const int Checking = 0;
        private const int Writing = 1;
        private const int Erasing = 2;
        private const int Done = 3;

        private readonly CbkeCredentialStore _store;
        private readonly KeyEstablishmentIdentity _identity;
        private readonly WorkMeter _meter;
        private readonly KeyPairCheck _check;
        private readonly Security.Ecc.WorkBudget _budget = new Security.Ecc.WorkBudget();
        private int _phase;
        private bool _waiting;

        public CbkeCredentialCheck(CbkeCredentialStore store, KeyEstablishmentIdentity identity, IAesBlock aes, WorkMeter meter)
        {
            _store = store;
            _identity = identity;
            _meter = meter;
            KoblitzCurve curve = identity.Suite == KeyEstablishmentSuite.Suite1 ? KoblitzCurve.CreateSect163k1() : KoblitzCurve.CreateSect283k1();
            uint[] privateKey = new uint[curve.Field.Limbs];
            if (!new ScalarModN(curve).TryReadPrivateKey(identity.StaticPrivateKey, 0, privateKey))
            {
                Problem = "private key: zero is not a private key";
                _phase = Done;
                return;
            }

            // e = AES-MMO(certificate), as the Key Establishment server hashes a peer's: a few AES blocks, within this turn.
            byte[] hash = new byte[AesMmoHash.Length];
            new AesMmoHash(aes).Compute(identity.Certificate.Bytes, 0, identity.Certificate.Length, hash, 0);
            _check = new KeyPairCheck(curve);
            _check.Begin(identity.Certificate.Bytes, identity.Certificate.ReconstructionOffset, hash, identity.CaPublicKey, privateKey);
            _phase = Checking;
        }

        /// <summary>A refusal found before any curve work (the check is not started then).</summary>
        public string Problem { get; private set; }

        public bool Finished
        {
            get { return _phase == Done; }
        }

        /// <summary>Null when the credentials were checked and stored; otherwise why they were refused (nothing stored changed).</summary>
        public string Refusal { get; private set; }

        /// <summary>Curve slices run so far, for figures.</summary>
        public int Steps { get; private set; }

        public int LargestStepUnits
        {
            get
            {
                int curve = CbkeTimeSlicePolicy.TurnBudget * CbkeTimeSlicePolicy.IlPerBudgetUnit;
                return _phase == Checking || curve > WriteStepUnits ? curve : WriteStepUnits;
            }
        }

        public bool WaitsForHardware
        {
            get { return _waiting; }
        }

        public bool Step()
        {
            _waiting = false;
            switch (_phase)
            {
                case Checking:
                    Steps++;
                    _budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
                    bool done = _check.Step(_budget);
                    if (_meter != null)
                    {
                        _meter.CurveUnits += CbkeTimeSlicePolicy.TurnBudget - _budget.Remaining;
                    }

                    if (!done)
                    {
                        return false;
                    }

                    if (!_check.Matches)
                    {
                        Refusal = Mismatch();
                        _phase = Done;
                        return true;
                    }

                    // The write gets a turn of its own: the check's last slice may have spent this one.
                    _phase = Writing;
                    return false;
                case Writing:
                    if (_store.StartKeep(_identity))
                    {
                        _phase = Done;
                        return true;
                    }

                    _phase = Erasing;
                    _waiting = true;
                    return false;
                case Erasing:
                    if (_store.EraseBusy)
                    {
                        _waiting = true;
                        return false;
                    }

                    _store.FinishKeep();
                    _phase = Done;
                    return true;
                default:
                    return true;
            }
        }

        private string Mismatch()
        {
            PointStatus status = _check.ReconstructionStatus;
            if (status == PointStatus.Valid)
            {
                return "private key: does not match the certificate (d*G is not the public key reconstructed from the certificate and the CA key)";
            }

            return (_check.CaKeyFailed ? "CA public key: " : "certificate: public-key reconstruction data ")
                + (status == PointStatus.Infinity ? "gives the point at infinity" : "is not a point of the suite's curve");
        }
    }
}
