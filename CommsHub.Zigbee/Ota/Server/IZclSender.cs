namespace CommsHub.Ota.Server
{
    /// <summary>Sends one ZCL frame to a device on the OTA cluster; the frame must be copied before returning.</summary>
    public interface IZclSender
    {
        void Send(ulong destination, byte[] frame, int offset, int length);
    }
}
