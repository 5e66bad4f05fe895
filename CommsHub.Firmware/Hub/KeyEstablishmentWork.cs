using CommsHub.Endpoints;
using CommsHub.Security.Ecc;
using CommsHub.Work;

namespace CommsHub.Hub
{
    /// <summary>
    /// An open CBKE exchange as an item of the main loop's work queue. Each step gives the responder one slice of
    /// <see cref="CbkeTimeSlicePolicy.TurnBudget"/> curve units (half a 20 ms turn at the firmware's planning speed, <see cref="CommsHub.Platform.InterpreterSpeedPolicy"/>) and
    /// charges the meter what the slice spent, converted to IL operations; the derivation step (KDF and both MACs,
    /// a few dozen AES blocks) is charged <see cref="Work.WorkBudget.CbkeDerivationUnits"/>. The item leaves the
    /// queue when the exchange has no more computing to do (it then waits for the initiator, or is over); the stack
    /// queues it again when an Ephemeral Data Request starts the curve work.
    /// </summary>
    public sealed class KeyEstablishmentWork : IWorkItem
    {
        private readonly KeyEstablishmentPort _port;
        private readonly WorkMeter _meter;
        private readonly Security.Ecc.WorkBudget _budget = new Security.Ecc.WorkBudget();

        public KeyEstablishmentWork(KeyEstablishmentPort port, WorkMeter meter)
        {
            _port = port;
            _meter = meter;
        }

        /// <summary>A full curve slice, or the derivation, whichever is dearer.</summary>
        public int LargestStepUnits
        {
            get
            {
                int curve = CbkeTimeSlicePolicy.TurnBudget * CbkeTimeSlicePolicy.IlPerBudgetUnit;
                return curve > Work.WorkBudget.CbkeDerivationUnits ? curve : Work.WorkBudget.CbkeDerivationUnits;
            }
        }

        public bool WaitsForHardware
        {
            get { return false; }
        }

        /// <summary>Curve slices run so far, for figures.</summary>
        public int Steps { get; private set; }

        public bool Step()
        {
            if (!_port.Computing)
            {
                return true;
            }

            Steps++;
            _budget.Remaining = CbkeTimeSlicePolicy.TurnBudget;
            bool deriving = _port.Server.IsDeriving;
            _port.Step(_budget);
            _meter.CurveUnits += CbkeTimeSlicePolicy.TurnBudget - _budget.Remaining;
            if (deriving)
            {
                _meter.CbkeDerivations++;
            }

            return !_port.Computing;
        }
    }
}
