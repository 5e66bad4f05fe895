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
}
