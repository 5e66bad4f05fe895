namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>What kind of Zigbee device an emulated node is.</summary>
    public enum NodeRole
    {
        /// <summary>An end device whose receiver stays on (a mains-powered PPMID).</summary>
        RxOnEndDevice,

        /// <summary>An end device that sleeps and polls its parent with Data Requests (a GSME, a battery PPMID).</summary>
        SleepyEndDevice,

        /// <summary>A router (ESME, HCALCS): associates as an FFD, then accepts children and relays for them.</summary>
        Router,
    }
}
