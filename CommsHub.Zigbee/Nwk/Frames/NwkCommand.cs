namespace CommsHub.Nwk
{
    /// <summary>
    /// One NWK command payload (Zigbee specification 3.4), every command in one reusable holder so the codec needs
    /// no allocation per frame. Which fields a command uses is listed on <see cref="NwkCommandCodec"/>.
    /// </summary>
    public sealed class NwkCommand
    {
        /// <summary>Entries a list-carrying command holds here (relays, link status entries, PAN ids).</summary>
        public const int MaxEntries = 32;

        public NwkCommand()
        {
            Addresses = new ushort[MaxEntries];
            Costs = new byte[MaxEntries];
        }

        public byte CommandId { get; set; }

        /// <summary>The command options byte (route request/reply, leave, link status, network report/update).</summary>
        public byte Options { get; set; }

        public byte RequestId { get; set; }

        /// <summary>Route request destination, network status destination, rejoin response's new address.</summary>
        public ushort Address { get; set; }

        /// <summary>Route reply originator.</summary>
        public ushort Originator { get; set; }

        /// <summary>Route reply responder.</summary>
        public ushort Responder { get; set; }

        public byte PathCost { get; set; }

        /// <summary>Route request destination IEEE; route reply originator IEEE.</summary>
        public ulong Ieee { get; set; }

        /// <summary>Route reply responder IEEE.</summary>
        public ulong SecondIeee { get; set; }

        /// <summary>Network status code, rejoin status, end device timeout response status.</summary>
        public byte Status { get; set; }

        /// <summary>Rejoin request capability information.</summary>
        public byte Capability { get; set; }

        /// <summary>Network report/update extended PAN id.</summary>
        public ulong ExtendedPanId { get; set; }

        public byte UpdateId { get; set; }

        /// <summary>End device timeout request: requested timeout enumeration; response: parent information.</summary>
        public byte Timeout { get; set; }

        /// <summary>End device timeout request: end device configuration.</summary>
        public byte Configuration { get; set; }

        /// <summary>Entries: route record relays, link status neighbours, report/update PAN ids.</summary>
        public int Count { get; set; }

        public ushort[] Addresses { get; private set; }

        /// <summary>Link status: each neighbour's link status byte (incoming cost bits 0-2, outgoing cost bits 4-6).</summary>
        public byte[] Costs { get; private set; }
    }
}
