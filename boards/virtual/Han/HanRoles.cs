using CommsHub.Ota.Server;
using CommsHub.VirtualBoard.Bench;
using CommsHub.VirtualBoard.Zigbee;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// What kind of Zigbee node each GB device is on the bench: ESME and HCALCS are mains powered and route; a GSME is a
    /// battery device that sleeps; a PPMID keeps its receiver on unless its line gives it a poll period.
    /// </summary>
    public static class HanRoles
    {
        public static NodeRole For(DeviceSpec spec)
        {
            if (spec.Kind == OtaDeviceKind.Esme || spec.Kind == OtaDeviceKind.Hcalcs)
            {
                return NodeRole.Router;
            }

            return spec.Sleepy ? NodeRole.SleepyEndDevice : NodeRole.RxOnEndDevice;
        }

        /// <summary>How often a sleepy node polls while it joins (the Transport-Key waits at its parent for a poll).</summary>
        public const long JoiningPollMilliseconds = 250;
    }
}
