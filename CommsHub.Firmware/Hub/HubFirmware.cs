using System.Collections;
using CommsHub.Platform;
using CommsHub.Storage;
using CommsHub.Storage.W25q;

namespace CommsHub.Hub
{
    /// <summary>
    /// The hub: owns every layer and is the single place a board wires into. Boards call
    /// <see cref="Boot"/> once and <see cref="Poll"/> from their main loop; nothing here sleeps.
    /// </summary>
    public sealed class HubFirmware
    {
        private readonly HubHardware _hardware;
        private readonly W25qFlash _flash;
        private FlashLayout _layout;
        private Eui64 _identity;

        public HubFirmware(HubHardware hardware)
        {
            _hardware = hardware;
            _flash = new W25qFlash(hardware.FlashSpi);
        }

        public Eui64 Identity
        {
            get { return _identity; }
        }

        public INorFlash Flash
        {
            get { return _flash; }
        }

        public FlashLayout Layout
        {
            get { return _layout; }
        }

        /// <summary>Brings the hardware up and returns the console lines a board prints at start-up.</summary>
        public string[] Boot()
        {
            _flash.Identify();
            _identity = HubIdentityPolicy.From(_flash);
            _layout = FlashLayout.For(_flash);

            ArrayList lines = new ArrayList();
            lines.Add("CommsHub CH firmware " + FirmwareVersion.Text + " (version " + Hex.Format(FirmwareVersion.Value, 8) + ") on " + _hardware.BoardName);
            lines.Add("CH EUI-64: " + _identity.ToString());
            lines.Add("Flash: JEDEC id " + Hex.Format(_flash.JedecId, 6) + ", " + _flash.CapacityBytes.ToString() + " bytes, "
                + (_flash.CapacityBytes / _flash.SectorSize).ToString() + " sectors of " + _flash.SectorSize.ToString()
                + " bytes, " + _flash.PageSize.ToString() + "-byte pages");
            lines.Add("Storage: metadata @" + Hex.Format(_layout.MetadataStart, 6) + ", alert queue @" + Hex.Format(_layout.AlertQueueStart, 6)
                + ", ESME block @" + Hex.Format(_layout.EsmeBlockStart, 6) + ", GSME block @" + Hex.Format(_layout.GsmeBlockStart, 6)
                + " (" + _layout.ImageBlockLength.ToString() + " bytes each)");
            lines.Add("Storage state: " + DescribeStorageState());
            lines.Add("Clock: " + IsoTime.Format(_hardware.Clock.UtcNow) + " (UTC, not yet set by the WAN)");
            lines.Add("Ready.");

            string[] result = new string[lines.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)lines[i];
            }

            return result;
        }

        /// <summary>One turn of the main loop: fire due timers; later layers add their work here.</summary>
        public void Poll()
        {
            _hardware.Clock.RunDueTimers();
        }

        private string DescribeStorageState()
        {
            byte[] head = new byte[16];
            _flash.Read(_layout.MetadataStart, head, 0, head.Length);
            for (int i = 0; i < head.Length; i++)
            {
                if (head[i] != 0xFF)
                {
                    return "metadata area written (image store records present)";
                }
            }

            return "blank (no image stored)";
        }
    }
}
