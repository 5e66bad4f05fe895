namespace CommsHub.Ota.Server
{
    /// <summary>The GB device types the hub serves images to; they differ in how an image is activated.</summary>
    public enum OtaDeviceKind
    {
        Esme = 0,
        Gsme = 1,
        Ppmid = 2,
        Hcalcs = 3,
    }
}
