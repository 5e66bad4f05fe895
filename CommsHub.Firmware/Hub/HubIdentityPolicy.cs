using CommsHub.Platform;
using CommsHub.Storage.W25q;

namespace CommsHub.Hub
{
    /// <summary>
    /// [decision] A bench hub has no factory-assigned EUI-64, so it takes the flash chip's
    /// factory-programmed 64-bit unique id: stable across firmware reflashes, different on every board.
    /// </summary>
    public static class HubIdentityPolicy
    {
        public static Eui64 From(W25qFlash flash)
        {
            return new Eui64(flash.ReadUniqueId());
        }
    }
}
