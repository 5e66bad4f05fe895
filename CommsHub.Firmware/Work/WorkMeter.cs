namespace CommsHub.Work
{
    /// <summary>
    /// Counts what the device's time goes on in the current main-loop turn: hash blocks, field multiplications,
    /// SPI traffic, flash programs and erase waits, blank-check bytes and WAN framing bytes. The hub starts a turn,
    /// the layers add to it, and the work queue runs long work only while the turn has room.
    /// </summary>
    public sealed class WorkMeter
    {
        public int Sha256Blocks;
        public int FieldMultiplications;
        public int SpiTransactions;
        public int SpiBytes;
        public int PagePrograms;
        public int SectorErasesStarted;
        public int SectorErasesWaited;
        public int BlankCheckBytes;
        public int LinkBytesScanned;
        public int LinkBytesEncoded;
        public int LinkBytesDecoded;
        public int LinkBytesChecked;

        /// <summary>CBKE curve work, in the curve code's budget units (<c>EccCost</c>).</summary>
        public int CurveUnits;

        /// <summary>CBKE key derivations (KDF and both MACs).</summary>
        public int CbkeDerivations;

        /// <summary>Turns started since the hub was created.</summary>
        public int Turn { get; private set; }

        /// <summary>The most units any finished turn cost, and which turn that was.</summary>
        public int LargestTurnUnits { get; private set; }

        public int LargestTurn { get; private set; }

        public string LargestTurnDescription { get; private set; }

        /// <summary>Closes the previous turn's figures and starts counting a new one.</summary>
        public void StartTurn()
        {
            EndTurn();
            Turn++;
            Sha256Blocks = 0;
            FieldMultiplications = 0;
            SpiTransactions = 0;
            SpiBytes = 0;
            PagePrograms = 0;
            SectorErasesStarted = 0;
            SectorErasesWaited = 0;
            BlankCheckBytes = 0;
            LinkBytesScanned = 0;
            LinkBytesEncoded = 0;
            LinkBytesDecoded = 0;
            LinkBytesChecked = 0;
            CurveUnits = 0;
            CbkeDerivations = 0;
        }

        /// <summary>Forgets the largest turn so far, so a measurement can start after a setup phase.</summary>
        public void ResetLargestTurn()
        {
            LargestTurnUnits = 0;
            LargestTurn = 0;
            LargestTurnDescription = null;
        }

        /// <summary>Records this turn in the largest-turn figures (StartTurn calls it; call it after the last turn too).</summary>
        public void EndTurn()
        {
            int units = Units;
            if (Turn > 0 && units > LargestTurnUnits)
            {
                LargestTurnUnits = units;
                LargestTurn = Turn;
                LargestTurnDescription = Describe();
            }
        }

        /// <summary>What the turn has cost so far, in IL-operation units (see <see cref="WorkBudget"/>).</summary>
        public int Units
        {
            get
            {
                return (Sha256Blocks * WorkBudget.Sha256BlockUnits)
                    + (FieldMultiplications * WorkBudget.FieldMultiplicationUnits)
                    + (SpiTransactions * WorkBudget.SpiTransactionUnits)
                    + (SpiBytes * WorkBudget.SpiByteUnits)
                    + (PagePrograms * WorkBudget.PageProgramUnits)
                    + (SectorErasesWaited * WorkBudget.SectorEraseWaitUnits)
                    + (BlankCheckBytes * WorkBudget.BlankCheckByteUnits)
                    + (LinkBytesScanned * WorkBudget.LinkScanByteUnits)
                    + (LinkBytesEncoded * WorkBudget.LinkCobsEncodeByteUnits)
                    + (LinkBytesDecoded * WorkBudget.LinkCobsDecodeByteUnits)
                    + (LinkBytesChecked * WorkBudget.CrcByteUnits)
                    + (CurveUnits * CommsHub.Security.Ecc.CbkeTimeSlicePolicy.IlPerBudgetUnit)
                    + (CbkeDerivations * WorkBudget.CbkeDerivationUnits);
            }
        }

        /// <summary>True while a step that may cost <paramref name="units"/> still fits in this turn.</summary>
        public bool HasRoomFor(int units)
        {
            return Units + units <= WorkBudget.TurnUnits;
        }

        public string Describe()
        {
            return "turn " + Turn.ToString() + ": " + Units.ToString() + " units (" + Sha256Blocks.ToString() + " SHA-256 blocks, "
                + FieldMultiplications.ToString() + " field multiplications, " + SpiTransactions.ToString() + " SPI transactions of "
                + SpiBytes.ToString() + " bytes, " + PagePrograms.ToString() + " page programs, " + SectorErasesStarted.ToString()
                + " erases started, " + SectorErasesWaited.ToString() + " erases waited for, " + BlankCheckBytes.ToString()
                + " bytes blank-checked, WAN bytes " + LinkBytesScanned.ToString() + " scanned / " + LinkBytesEncoded.ToString()
                + " COBS-encoded / " + LinkBytesDecoded.ToString() + " decoded / " + LinkBytesChecked.ToString() + " CRC, CBKE "
                + CurveUnits.ToString() + " curve units / " + CbkeDerivations.ToString() + " derivations)";
        }
    }
}
