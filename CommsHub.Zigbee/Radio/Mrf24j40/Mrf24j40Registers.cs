namespace CommsHub.Radio.Mrf24j40
{
    /// <summary>
    /// Register addresses and bits of the Microchip MRF24J40 (datasheet DS39776). Short registers are 6-bit,
    /// long ones 10-bit; the long space also holds the FIFOs.
    /// </summary>
    public static class Mrf24j40Registers
    {
        // Short-address control registers
        public const int RXMCR = 0x00;
        public const int PANIDL = 0x01;
        public const int PANIDH = 0x02;
        public const int SADRL = 0x03;
        public const int SADRH = 0x04;
        public const int EADR0 = 0x05;
        public const int RXFLUSH = 0x0D;
        public const int TXMCR = 0x11;
        public const int ACKTMOUT = 0x12;
        public const int PACON2 = 0x18;
        public const int TXNCON = 0x1B;
        public const int TXSTAT = 0x24;
        public const int SOFTRST = 0x2A;
        public const int TXSTBL = 0x2E;
        public const int INTSTAT = 0x31;
        public const int INTCON = 0x32;
        public const int SLPACK = 0x35;
        public const int RFCTL = 0x36;
        public const int WAKECON = 0x22;
        public const int BBREG1 = 0x39;
        public const int BBREG2 = 0x3A;
        public const int BBREG6 = 0x3E;
        public const int CCAEDTH = 0x3F;

        // Long-address registers
        public const int RFCON0 = 0x200;
        public const int RFCON1 = 0x201;
        public const int RFCON2 = 0x202;
        public const int RFCON3 = 0x203;
        public const int RFCON6 = 0x206;
        public const int RFCON7 = 0x207;
        public const int RFCON8 = 0x208;
        public const int RFSTATE = 0x20F;
        public const int RSSI = 0x210;
        public const int SLPCON0 = 0x211;
        public const int SLPCON1 = 0x220;

        // FIFOs in the long-address space
        public const int TxNormalFifo = 0x000;
        public const int RxFifo = 0x300;

        // RXMCR
        public const int RXMCR_PROMI = 0x01;
        public const int RXMCR_ERRPKT = 0x02;
        public const int RXMCR_COORD = 0x04;
        public const int RXMCR_PANCOORD = 0x08;
        public const int RXMCR_NOACKRSP = 0x20;

        // TXNCON
        public const int TXNCON_TXNTRIG = 0x01;
        public const int TXNCON_TXNACKREQ = 0x04;
        public const int TXNCON_INDIRECT = 0x08;
        public const int TXNCON_FPSTAT = 0x10;

        // TXSTAT
        public const int TXSTAT_TXNSTAT = 0x01;
        public const int TXSTAT_CCAFAIL = 0x20;

        // INTSTAT / INTCON (INTCON bits are enables, active low)
        public const int INT_TXN = 0x01;
        public const int INT_RX = 0x08;

        // ACKTMOUT
        public const int ACKTMOUT_DRPACK = 0x80;

        // SOFTRST: reset power management, baseband and MAC
        public const int SOFTRST_ALL = 0x07;

        // RFCTL
        public const int RFCTL_RFRST = 0x04;

        // BBREG1
        public const int BBREG1_RXDECINV = 0x04;

        // BBREG6
        public const int BBREG6_RSSIMODE1 = 0x80;
        public const int BBREG6_RSSIMODE2 = 0x40;
        public const int BBREG6_RSSIRDY = 0x01;

        // RFCON2
        public const int RFCON2_PLLEN = 0x80;

        // PACON2
        public const int PACON2_FIFOEN = 0x80;

        // SLPACK / WAKECON
        public const int SLPACK_SLPACK = 0x80;
        public const int WAKECON_IMMWAKE = 0x80;
        public const int WAKECON_REGWAKE = 0x40;

        /// <summary>RFSTATE value while the RF state machine is receiving (idle and ready).</summary>
        public const int RFSTATE_RX = 0xA0;
    }
}
