using System;
using CommsHub.Platform;
using CommsHub.Zcl;

namespace CommsHub.Clusters.Time
{
    /// <summary>
    /// Time cluster (0x000A) server, read from the hub's UTC clock; trust in that clock follows
    /// <see cref="TimeStatusPolicy"/> and the zone and summer time are the UK's (<see cref="UkDaylightSaving"/>).
    /// </summary>
    public sealed class TimeServer
    {
        public const ushort ClusterId = 0x000A;
        public const ushort TimeAttribute = 0x0000;
        public const ushort TimeStatusAttribute = 0x0001;
        public const ushort TimeZoneAttribute = 0x0002;
        public const ushort DstStartAttribute = 0x0003;
        public const ushort DstEndAttribute = 0x0004;
        public const ushort DstShiftAttribute = 0x0005;
        public const ushort StandardTimeAttribute = 0x0006;
        public const ushort LocalTimeAttribute = 0x0007;
        public const ushort LastSetTimeAttribute = 0x0008;
        public const ushort ValidUntilTimeAttribute = 0x0009;

        private const uint Invalid = ZclDataType.InvalidUtcTime;

        private readonly IClock _clock;
        private uint _lastSet = Invalid;

        public TimeServer(IClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _clock = clock;
            ZclValueGetter value = Value;
            Server = new ZclAttributeServer(ClusterId, new ZclAttributeTable(new ZclAttribute[]
            {
                ZclAttribute.Numeric(TimeAttribute, ZclDataType.UtcTime, value),
                ZclAttribute.Numeric(TimeStatusAttribute, ZclDataType.Bitmap8, value),
                ZclAttribute.Numeric(TimeZoneAttribute, ZclDataType.Int32, value),
                ZclAttribute.Numeric(DstStartAttribute, ZclDataType.Uint32, value),
                ZclAttribute.Numeric(DstEndAttribute, ZclDataType.Uint32, value),
                ZclAttribute.Numeric(DstShiftAttribute, ZclDataType.Int32, value),
                ZclAttribute.Numeric(StandardTimeAttribute, ZclDataType.Uint32, value),
                ZclAttribute.Numeric(LocalTimeAttribute, ZclDataType.Uint32, value),
                ZclAttribute.Numeric(LastSetTimeAttribute, ZclDataType.UtcTime, value),
                ZclAttribute.Numeric(ValidUntilTimeAttribute, ZclDataType.UtcTime, value),
            }));
        }

        public ZclAttributeServer Server { get; private set; }

        /// <summary>True while the clock stands on a WAN set that is still vouched for.</summary>
        public bool Trusted
        {
            get { return IsTrusted(ZigbeeTime.FromUtc(_clock.UtcNow)); }
        }

        /// <summary>Call when the WAN has just set the clock: from now the hub is the HAN's time master.</summary>
        public void OnClockSetByWan()
        {
            _lastSet = ZigbeeTime.FromUtc(_clock.UtcNow);
        }

        /// <summary>The attribute's current value; every attribute of the table is read through here.</summary>
        public uint Value(ushort attributeId)
        {
            uint now = ZigbeeTime.FromUtc(_clock.UtcNow);
            bool trusted = IsTrusted(now);
            switch (attributeId)
            {
                case TimeAttribute:
                    return trusted ? now : Invalid;
                case TimeStatusAttribute:
                    return trusted ? TimeStatusPolicy.WhenTrusted : (uint)TimeStatusPolicy.WhenUntrusted;
                case TimeZoneAttribute:
                    return (uint)UkDaylightSaving.TimeZoneSeconds;
                case DstShiftAttribute:
                    return (uint)UkDaylightSaving.ShiftSeconds;
                case DstStartAttribute:
                    return trusted ? UkDaylightSaving.Start(_clock.UtcNow.Year) : Invalid;
                case DstEndAttribute:
                    return trusted ? UkDaylightSaving.End(_clock.UtcNow.Year) : Invalid;
                case StandardTimeAttribute:
                    return trusted ? Standard(now) : Invalid;
                case LocalTimeAttribute:
                    return trusted ? Local(now) : Invalid;
                case LastSetTimeAttribute:
                    return _lastSet;
                case ValidUntilTimeAttribute:
                    return _lastSet == Invalid ? Invalid : ValidUntil();
                default:
                    return Invalid;
            }
        }

        private bool IsTrusted(uint now)
        {
            return _lastSet != Invalid && now != Invalid && now >= _lastSet && now < ValidUntil();
        }

        private uint ValidUntil()
        {
            long until = (long)_lastSet + TimeStatusPolicy.ValidForSeconds;
            return until >= Invalid ? Invalid - 1 : (uint)until;
        }

        private static uint Standard(uint now)
        {
            return (uint)((long)now + UkDaylightSaving.TimeZoneSeconds);
        }

        private uint Local(uint now)
        {
            int year = ZigbeeTime.ToUtc(now).Year;
            bool summer = now >= UkDaylightSaving.Start(year) && now < UkDaylightSaving.End(year);
            return (uint)((long)Standard(now) + (summer ? UkDaylightSaving.ShiftSeconds : 0));
        }
    }
}
