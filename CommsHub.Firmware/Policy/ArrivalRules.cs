using CommsHub.Ota.Server;
using CommsHub.Storage.Metadata;

namespace CommsHub.Policy
{
    /// <summary>
    /// ch-firmware-rules.md section 3: priority and replacement when an image arrives for a block that already
    /// holds one. Each row of the table is one named rule; <see cref="Decide"/> picks the row that applies.
    /// </summary>
    public static class ArrivalRules
    {
        public const string BlockFree = "block free";
        public const string GsmeDisplacesPpmidOrHcalcs = "GSME image arrives while a PPMID/HCALCS image holds the block";
        public const string PpmidHcalcsOverwritesPpmidHcalcs = "PPMID/HCALCS image arrives while another PPMID/HCALCS image holds the block";
        public const string PpmidHcalcsRefusedByGsmeYoungerThan14Days = "PPMID/HCALCS image arrives while a GSME image less than 14 days old holds the block";
        public const string PpmidHcalcsReplacesGsmeAtLeast14DaysOld = "PPMID/HCALCS image arrives while a GSME image at least 14 days old holds the block";
        // [decision] no third buffer for held images, so refused now rather than queued (README "Project decisions").
        public const string PpmidHcalcsRefusedWhileOldGsmeTransferInProgress = "PPMID/HCALCS image arrives while a GSME image at least 14 days old is mid-transfer";
        // [decision] the GB rules are silent: a newer image replaces the held one (README "Project decisions").
        public const string NewerGsmeReplacesGsme = "GSME image arrives while another GSME image holds the block";
        // [decision] a transfer in progress is never cut short: the newer image is refused (README "Project decisions").
        public const string NewerGsmeRefusedWhileTransferInProgress = "GSME image arrives while another GSME image is mid-transfer";
        // [decision] the GB rules are silent: a newer image replaces the held one (README "Project decisions").
        public const string NewerEsmeReplacesEsme = "ESME image arrives while an ESME image holds the ESME block";
        // [decision] a transfer in progress is never cut short: the newer image is refused (README "Project decisions").
        public const string NewerEsmeRefusedWhileTransferInProgress = "ESME image arrives while an ESME image is mid-transfer";

        /// <summary>The block an image of this kind lives in: ESME images in the ESME block, all others in the GSME block.</summary>
        public static int BlockFor(OtaDeviceKind kind)
        {
            return kind == OtaDeviceKind.Esme ? StoreState.EsmeBlock : StoreState.GsmeBlock;
        }

        /// <param name="held">The image in the block, or null.</param>
        /// <param name="nowTicks">UTC now; meaningful only when <paramref name="clockTrusted"/>.</param>
        public static ArrivalDecision Decide(StoredImage held, OtaDeviceKind arriving, long nowTicks, bool clockTrusted)
        {
            if (held == null)
            {
                return new ArrivalDecision(ArrivalVerdict.Store, BlockFree);
            }

            bool transferInProgress = held.AnyTargetIn(TargetState.Downloading);
            bool arrivingIsPpmidOrHcalcs = arriving == OtaDeviceKind.Ppmid || arriving == OtaDeviceKind.Hcalcs;
            bool heldIsPpmidOrHcalcs = held.Kind == OtaDeviceKind.Ppmid || held.Kind == OtaDeviceKind.Hcalcs;

            if (arriving == OtaDeviceKind.Esme)
            {
                return transferInProgress
                    ? new ArrivalDecision(ArrivalVerdict.Refuse, NewerEsmeRefusedWhileTransferInProgress)
                    : new ArrivalDecision(ArrivalVerdict.Replace, NewerEsmeReplacesEsme);
            }

            if (arriving == OtaDeviceKind.Gsme)
            {
                if (heldIsPpmidOrHcalcs)
                {
                    return new ArrivalDecision(ArrivalVerdict.Replace, GsmeDisplacesPpmidOrHcalcs);
                }

                return transferInProgress
                    ? new ArrivalDecision(ArrivalVerdict.Refuse, NewerGsmeRefusedWhileTransferInProgress)
                    : new ArrivalDecision(ArrivalVerdict.Replace, NewerGsmeReplacesGsme);
            }

            if (arrivingIsPpmidOrHcalcs && heldIsPpmidOrHcalcs)
            {
                return new ArrivalDecision(ArrivalVerdict.Replace, PpmidHcalcsOverwritesPpmidHcalcs);
            }

            // A PPMID/HCALCS image against a held GSME image. An unknown age (clock never trusted) counts as young:
            // the 14 days are a minimum, so doubt keeps the GSME image.
            bool atLeast14Days = clockTrusted && held.ArrivalTicks != 0 && nowTicks - held.ArrivalTicks >= RetentionPolicy.NeverStartedTicks;
            if (!atLeast14Days)
            {
                return new ArrivalDecision(ArrivalVerdict.Refuse, PpmidHcalcsRefusedByGsmeYoungerThan14Days);
            }

            return transferInProgress
                ? new ArrivalDecision(ArrivalVerdict.Refuse, PpmidHcalcsRefusedWhileOldGsmeTransferInProgress)
                : new ArrivalDecision(ArrivalVerdict.Replace, PpmidHcalcsReplacesGsmeAtLeast14DaysOld);
        }
    }
}
