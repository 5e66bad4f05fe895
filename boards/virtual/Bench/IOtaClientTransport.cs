namespace CommsHub.VirtualBoard.Bench
{
    /// <summary>
    /// How an <see cref="OtaClientDevice"/> reaches the hub's OTA server: it sends ZCL frames of the OTA cluster, the
    /// transport hands it the hub's (through <see cref="OtaClientDevice.Receive"/>), and a sleepy device's polls go
    /// through it.
    /// </summary>
    public interface IOtaClientTransport
    {
        void Attach(OtaClientDevice device);

        void Detach(OtaClientDevice device);

        void Send(OtaClientDevice device, byte[] zcl);

        void Poll(OtaClientDevice device);
    }

    /// <summary>The bench's APS-level model of the HAN as an OTA client transport.</summary>
    public sealed class HanMediumOtaTransport : IOtaClientTransport
    {
        private readonly HanMedium _medium;
        private readonly ulong _hub;

        public HanMediumOtaTransport(HanMedium medium, ulong hub)
        {
            _medium = medium;
            _hub = hub;
        }

        public void Attach(OtaClientDevice device) => _medium.Attach(device);

        public void Detach(OtaClientDevice device) => _medium.Detach(device.Eui);

        public void Send(OtaClientDevice device, byte[] zcl) => _medium.Send(device.Eui, _hub, zcl);

        public void Poll(OtaClientDevice device) => _medium.Poll(device.Eui);
    }
}
