using CommsHub.Ota.Server;
using CommsHub.Platform;
using CommsHub.Radio;
using CommsHub.Security;

namespace CommsHub.Hub
{
    /// <summary>Everything a board hands the firmware: one object so the board files stay a simple wiring list.</summary>
    public sealed class HubHardware
    {
        public HubHardware(string boardName, ISpiBus flashSpi, IClock clock, ISerialPort wan)
        {
            BoardName = boardName;
            FlashSpi = flashSpi;
            Clock = clock;
            Wan = wan;
        }

        public string BoardName { get; private set; }

        public ISpiBus FlashSpi { get; private set; }

        public IClock Clock { get; private set; }

        public ISerialPort Wan { get; private set; }

        /// <summary>Where OTA cluster frames go out to HAN devices; null until the board has a Zigbee stack.</summary>
        public IZclSender Han { get; set; }

        /// <summary>The HAN's IEEE 802.15.4 radio; null on a board without one.</summary>
        public IRadio Radio { get; set; }

        /// <summary>How to restart after repeated faults; null: the firmware object boots itself again from flash.</summary>
        public IRestarter Restarter { get; set; }

        /// <summary>Random bytes for short addresses, link epochs and (when <see cref="EntropyFitForKeys"/>) the signing key.</summary>
        public IEntropySource Entropy { get; set; }

        /// <summary>The AES-128 block cipher for Zigbee security: the chip's own where it has one; null means software AES.</summary>
        public IAesBlock Aes { get; set; }

        /// <summary>
        /// False when <see cref="Entropy"/> is not a true random source: the hub then never makes a key itself and
        /// waits for one to be provisioned (<see cref="KeyEntropyPolicy"/>).
        /// </summary>
        public bool EntropyFitForKeys { get; set; } = true;
    }
}
