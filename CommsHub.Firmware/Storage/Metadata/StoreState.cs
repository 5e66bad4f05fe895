using System.Collections;
using CommsHub.Alerts;

namespace CommsHub.Storage.Metadata
{
    /// <summary>Everything the image store must remember across a power cut; written whole as one metadata record.</summary>
    public sealed class StoreState
    {
        public const int EsmeBlock = 0;
        public const int GsmeBlock = 1;

        public uint NextOutcomeNumber = 1;

        /// <summary>Latest UTC the WAN vouched for; a clock reading earlier than this after a reboot is not trusted.</summary>
        public long LastTrustedTicks;

        public StoredImage[] Blocks = new StoredImage[2];

        public IngestRecord Ingest;

        /// <summary>Outcomes recorded but perhaps not yet accepted by the alert queue.</summary>
        public ArrayList Outcomes = new ArrayList();

        public bool SlotInUse(int slot)
        {
            for (int i = 0; i < Blocks.Length; i++)
            {
                if (Blocks[i] != null && Blocks[i].Slot == slot)
                {
                    return true;
                }
            }

            return Ingest != null && Ingest.Slot == slot;
        }
    }
}
