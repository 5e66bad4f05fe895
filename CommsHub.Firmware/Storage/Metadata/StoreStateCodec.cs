using CommsHub.Alerts;
using CommsHub.Ota.Server;

namespace CommsHub.Storage.Metadata
{
    /// <summary>The byte form of <see cref="StoreState"/> inside a metadata record. Format version 1.</summary>
    public static class StoreStateCodec
    {
        public const byte FormatVersion = 1;

        /// <summary>[decision] One image names at most 8 targets: 4 ESMEs, or a few PPMIDs on one HAN.</summary>
        public const int MaximumTargets = 8;

        /// <summary>Outcomes waiting for the alert queue; the queue accepts at once, so this is a generous ceiling.</summary>
        public const int MaximumPendingOutcomes = 32;

        public const int MaximumLength = 1 + 4 + 8 + (2 * (1 + 60 + (MaximumTargets * 26))) + (1 + 47 + (MaximumTargets * 8) + 4) + 1 + (MaximumPendingOutcomes * 27);

        public static int Encode(StoreState state, byte[] buffer, int offset)
        {
            ByteCursor c = new ByteCursor();
            c.Reset(buffer, offset, buffer.Length - offset);
            c.U8(FormatVersion);
            c.U32(state.NextOutcomeNumber);
            c.U64((ulong)state.LastTrustedTicks);
            for (int b = 0; b < 2; b++)
            {
                StoredImage image = state.Blocks[b];
                c.U8(image == null ? 0 : 1);
                if (image != null)
                {
                    c.U8(image.Slot);
                    c.U8((int)image.Kind);
                    c.U32((uint)image.Size);
                    c.Bytes(image.Sha256);
                    c.U16(image.ManufacturerCode);
                    c.U16(image.ImageType);
                    c.U32(image.FileVersion);
                    c.U64((ulong)image.ArrivalTicks);
                    c.U8(image.Targets.Length);
                    for (int t = 0; t < image.Targets.Length; t++)
                    {
                        StoredTarget target = image.Targets[t];
                        c.U64(target.Device);
                        c.U8(target.State);
                        c.U8(target.Response);
                        c.U64((ulong)target.FirstBlockTicks);
                        c.U64((ulong)target.LastBlockTicks);
                    }
                }
            }

            IngestRecord ingest = state.Ingest;
            c.U8(ingest == null ? 0 : 1);
            if (ingest != null)
            {
                c.U8(ingest.Slot);
                c.U8((int)ingest.Kind);
                c.U32((uint)ingest.Size);
                c.Bytes(ingest.Sha256);
                c.U32(ingest.FileVersion);
                c.U32((uint)ingest.Checkpoint);
                c.U8(ingest.Targets.Length);
                for (int t = 0; t < ingest.Targets.Length; t++)
                {
                    c.U64(ingest.Targets[t]);
                }
            }

            c.U8(state.Outcomes.Count);
            for (int i = 0; i < state.Outcomes.Count; i++)
            {
                TargetOutcome o = (TargetOutcome)state.Outcomes[i];
                c.U32(o.Number);
                c.U64(o.Device);
                c.U16(o.AlertCode);
                c.U8(o.ResponseCode);
                c.U32(o.FileVersion);
                c.U64((ulong)o.Ticks);
            }

            return c.Position - offset;
        }

        /// <summary>The smallest image the store takes: one OTA header.</summary>
        public const int MinimumImageSize = 56;

        /// <summary>
        /// The state in a record's payload, or null when it is not a version-1 record that reads to its end with every
        /// field in range. A CRC-valid record can still be wrong (a firmware bug, tampering): the log skips it like a
        /// torn one.
        /// </summary>
        public static StoreState Decode(byte[] buffer, int offset, int length)
        {
            StoreState state = new StoreState();
            return Read(buffer, offset, length, state) == null ? state : null;
        }

        /// <summary>The metadata log's check: does this payload decode with every field in range?</summary>
        public static bool IsValid(byte[] buffer, int offset, int length)
        {
            return Read(buffer, offset, length, new StoreState()) == null;
        }

        /// <summary>Names the first field that is out of range or missing, or null when the record is good.</summary>
        public static string Check(byte[] buffer, int offset, int length)
        {
            return Read(buffer, offset, length, new StoreState());
        }

        private static string Read(byte[] buffer, int offset, int length, StoreState state)
        {
            ByteCursor c = new ByteCursor();
            c.Reset(buffer, offset, length);
            int version = c.ReadU8();
            if (version != FormatVersion)
            {
                return "format version " + version.ToString() + ", expected " + FormatVersion.ToString();
            }

            state.NextOutcomeNumber = c.ReadU32();
            state.LastTrustedTicks = (long)c.ReadU64();
            if (state.LastTrustedTicks < 0)
            {
                return "last trusted time is negative";
            }

            for (int b = 0; b < 2; b++)
            {
                int present = c.ReadU8();
                if (present > 1)
                {
                    return (b == 0 ? "ESME block" : "GSME block") + " presence flag " + present.ToString() + ", expected 0 or 1";
                }

                if (present == 0)
                {
                    continue;
                }

                StoredImage image = new StoredImage();
                image.Slot = c.ReadU8();
                int kind = c.ReadU8();
                image.Kind = (OtaDeviceKind)kind;
                uint size = c.ReadU32();
                c.ReadBytes(image.Sha256);
                image.ManufacturerCode = c.ReadU16();
                image.ImageType = c.ReadU16();
                image.FileVersion = c.ReadU32();
                image.ArrivalTicks = (long)c.ReadU64();
                int count = c.ReadU8();
                string bad = CheckImage(b == 0 ? "ESME block" : "GSME block", image.Slot, kind, size, count);
                if (bad != null)
                {
                    return bad;
                }

                if ((kind == (int)OtaDeviceKind.Esme) != (b == StoreState.EsmeBlock))
                {
                    return (b == 0 ? "ESME block" : "GSME block") + " holds a device kind " + kind.ToString() + " image";
                }

                image.Size = (int)size;
                image.Targets = new StoredTarget[count];
                for (int t = 0; t < count; t++)
                {
                    StoredTarget target = new StoredTarget();
                    target.Device = c.ReadU64();
                    target.State = c.ReadU8();
                    target.Response = c.ReadU8();
                    target.FirstBlockTicks = (long)c.ReadU64();
                    target.LastBlockTicks = (long)c.ReadU64();
                    if (target.State > TargetState.Done)
                    {
                        return "target " + t.ToString() + " state " + target.State.ToString() + ", at most " + TargetState.Done.ToString();
                    }

                    image.Targets[t] = target;
                }

                state.Blocks[b] = image;
            }

            int ingesting = c.ReadU8();
            if (ingesting > 1)
            {
                return "ingest presence flag " + ingesting.ToString() + ", expected 0 or 1";
            }

            if (ingesting == 1)
            {
                IngestRecord ingest = new IngestRecord();
                ingest.Slot = c.ReadU8();
                int kind = c.ReadU8();
                ingest.Kind = (OtaDeviceKind)kind;
                uint size = c.ReadU32();
                c.ReadBytes(ingest.Sha256);
                ingest.FileVersion = c.ReadU32();
                uint checkpoint = c.ReadU32();
                int count = c.ReadU8();
                string bad = CheckImage("ingest", ingest.Slot, kind, size, count);
                if (bad != null)
                {
                    return bad;
                }

                if (checkpoint > size)
                {
                    return "ingest checkpoint " + checkpoint.ToString() + " is past the image size " + size.ToString();
                }

                ingest.Size = (int)size;
                ingest.Checkpoint = (int)checkpoint;
                ingest.Targets = new ulong[count];
                for (int t = 0; t < count; t++)
                {
                    ingest.Targets[t] = c.ReadU64();
                }

                state.Ingest = ingest;
            }

            int outcomes = c.ReadU8();
            if (outcomes > MaximumPendingOutcomes)
            {
                return outcomes.ToString() + " pending outcomes, at most " + MaximumPendingOutcomes.ToString();
            }

            for (int i = 0; i < outcomes; i++)
            {
                TargetOutcome o = new TargetOutcome();
                o.Number = c.ReadU32();
                o.Device = c.ReadU64();
                o.AlertCode = c.ReadU16();
                o.ResponseCode = c.ReadU8();
                o.FileVersion = c.ReadU32();
                o.Ticks = (long)c.ReadU64();
                if (o.Ticks < 0)
                {
                    return "outcome " + i.ToString() + " time is negative";
                }

                state.Outcomes.Add(o);
            }

            if (c.Bad)
            {
                return "the record ends inside a field";
            }

            return c.Position != offset + length ? (offset + length - c.Position).ToString() + " bytes follow the last field" : null;
        }

        private static string CheckImage(string where, int slot, int kind, uint size, int targets)
        {
            if (slot >= FlashLayout.SlotCount)
            {
                return where + " slot " + slot.ToString() + ", expected 0 to " + (FlashLayout.SlotCount - 1).ToString();
            }

            if (kind > (int)OtaDeviceKind.Hcalcs)
            {
                return where + " device kind " + kind.ToString() + ", at most 3";
            }

            if (size < MinimumImageSize || size > FlashLayout.ImageBlockCapacity)
            {
                return where + " size " + size.ToString() + ", expected " + MinimumImageSize.ToString() + " to " + FlashLayout.ImageBlockCapacity.ToString();
            }

            return targets > MaximumTargets ? where + " names " + targets.ToString() + " targets, at most " + MaximumTargets.ToString() : null;
        }
    }
}
