namespace CommsHub.Hub
{
    /// <summary>
    /// How the board restarts the hub cleanly: on the ESP32 a reboot of the device (nanoFramework's
    /// Power.RebootDevice, which does not return); on the virtual board a fresh firmware object on the same flash.
    /// </summary>
    public interface IRestarter
    {
        void Restart(string reason);
    }
}
