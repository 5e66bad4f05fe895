using System;
using CommsHub.Clusters.Time;
using CommsHub.Zcl;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Clusters
{
    [TestClass]
    public class TimeServerTests
    {
        private const uint Invalid = 0xFFFFFFFF;

        [TestMethod]
        public void ZigbeeTimeCountsSecondsFrom2000()
        {
            Assert.AreEqual(0u, ZigbeeTime.FromUtc(new DateTime(2000, 1, 1, 0, 0, 0)));

            // 2024-01-01T00:00:00Z is Unix 1704067200; the Zigbee epoch is Unix 946684800.
            Assert.AreEqual(757382400u, ZigbeeTime.FromUtc(new DateTime(2024, 1, 1, 0, 0, 0)));
            Assert.AreEqual(Invalid, ZigbeeTime.FromUtc(new DateTime(1999, 12, 31, 23, 59, 59)));
        }

        [TestMethod]
        public void UkSummerTimeRunsFromTheLastSundayOfMarchToTheLastSundayOfOctober()
        {
            // Calendar facts: the last Sundays of March and October (BST starts and ends at 01:00 UTC).
            int[] years = { 2024, 2025, 2026, 2027, 2032 };
            int[] marchDays = { 31, 30, 29, 28, 28 };
            int[] octoberDays = { 27, 26, 25, 31, 31 };
            for (int i = 0; i < years.Length; i++)
            {
                Assert.AreEqual(ZigbeeTime.FromUtc(new DateTime(years[i], 3, marchDays[i], 1, 0, 0)), UkDaylightSaving.Start(years[i]), "start " + years[i].ToString());
                Assert.AreEqual(ZigbeeTime.FromUtc(new DateTime(years[i], 10, octoberDays[i], 1, 0, 0)), UkDaylightSaving.End(years[i]), "end " + years[i].ToString());
            }
        }

        [TestMethod]
        public void LocalTimeGainsAnHourExactlyAtTheBoundaries()
        {
            SettableClock clock = new SettableClock();
            TimeServer time = new TimeServer(clock);
            clock.UtcNow = new DateTime(2026, 3, 1, 0, 0, 0);
            time.OnClockSetByWan();

            DateTime[] instants =
            {
                new DateTime(2026, 3, 29, 0, 59, 59),
                new DateTime(2026, 3, 29, 1, 0, 0),
                new DateTime(2026, 10, 25, 0, 59, 59),
                new DateTime(2026, 10, 25, 1, 0, 0),
            };
            int[] shift = { 0, 3600, 3600, 0 };
            for (int i = 0; i < instants.Length; i++)
            {
                clock.UtcNow = instants[i];
                time.OnClockSetByWan();
                uint now = ZigbeeTime.FromUtc(instants[i]);
                Assert.AreEqual(now, time.Value(TimeServer.TimeAttribute), "time " + i.ToString());
                Assert.AreEqual(now, time.Value(TimeServer.StandardTimeAttribute), "standard " + i.ToString());
                Assert.AreEqual(now + (uint)shift[i], time.Value(TimeServer.LocalTimeAttribute), "local " + i.ToString());
                Assert.AreEqual(UkDaylightSaving.Start(2026), time.Value(TimeServer.DstStartAttribute));
                Assert.AreEqual(UkDaylightSaving.End(2026), time.Value(TimeServer.DstEndAttribute));
            }

            Assert.AreEqual(0u, time.Value(TimeServer.TimeZoneAttribute));
            Assert.AreEqual(3600u, time.Value(TimeServer.DstShiftAttribute));
        }

        [TestMethod]
        public void AClockTheWanHasNotSetIsNeitherMasterNorGiven()
        {
            SettableClock clock = new SettableClock();
            clock.UtcNow = new DateTime(2026, 6, 1, 12, 0, 0);
            TimeServer time = new TimeServer(clock);

            Assert.IsFalse(time.Trusted);
            Assert.AreEqual(0u, time.Value(TimeServer.TimeStatusAttribute));
            ushort[] timeValues =
            {
                TimeServer.TimeAttribute, TimeServer.StandardTimeAttribute, TimeServer.LocalTimeAttribute, TimeServer.DstStartAttribute,
                TimeServer.DstEndAttribute, TimeServer.LastSetTimeAttribute, TimeServer.ValidUntilTimeAttribute,
            };
            for (int i = 0; i < timeValues.Length; i++)
            {
                Assert.AreEqual(Invalid, time.Value(timeValues[i]), "attribute " + timeValues[i].ToString());
            }
        }

        [TestMethod]
        public void AWanSetMakesTheHubMasterUntilItsValidityRunsOut()
        {
            SettableClock clock = new SettableClock();
            DateTime set = new DateTime(2026, 6, 1, 12, 0, 0);
            clock.UtcNow = set;
            TimeServer time = new TimeServer(clock);
            time.OnClockSetByWan();

            uint setAt = ZigbeeTime.FromUtc(set);
            Assert.AreEqual(0x0Du, time.Value(TimeServer.TimeStatusAttribute), "Master, MasterZoneDst and Superseding");
            Assert.AreEqual(setAt, time.Value(TimeServer.LastSetTimeAttribute));
            Assert.AreEqual(setAt + (7u * 24 * 3600), time.Value(TimeServer.ValidUntilTimeAttribute));

            clock.UtcNow = set.AddDays(7).AddSeconds(-1);
            Assert.IsTrue(time.Trusted);

            clock.UtcNow = set.AddDays(7);
            Assert.IsFalse(time.Trusted);
            Assert.AreEqual(0u, time.Value(TimeServer.TimeStatusAttribute));
            Assert.AreEqual(Invalid, time.Value(TimeServer.TimeAttribute));
            Assert.AreEqual(setAt, time.Value(TimeServer.LastSetTimeAttribute), "when it was last set stays known");
        }

        [TestMethod]
        public void AClockThatMovedBehindItsLastSetIsNotTrusted()
        {
            SettableClock clock = new SettableClock();
            clock.UtcNow = new DateTime(2026, 6, 1, 12, 0, 0);
            TimeServer time = new TimeServer(clock);
            time.OnClockSetByWan();

            clock.UtcNow = new DateTime(2026, 6, 1, 11, 59, 59);

            Assert.IsFalse(time.Trusted);
            Assert.AreEqual(Invalid, time.Value(TimeServer.TimeAttribute));
        }

        [TestMethod]
        public void ReadAttributesOfTimeCarriesTheZclTypes()
        {
            SettableClock clock = new SettableClock();
            clock.UtcNow = new DateTime(2026, 6, 1, 12, 0, 0);
            TimeServer time = new TimeServer(clock);
            time.OnClockSetByWan();
            byte[] request = { 0x00, 0x09, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00 };
            byte[] response = new byte[64];

            int n = time.Server.Handle(request, 0, request.Length, response, 0, response.Length);

            Assert.AreEqual(3 + 8 + 5 + 8, n);
            Assert.AreEqual((byte)ZclDataType.UtcTime, response[6]);
            uint value = (uint)(response[7] | (response[8] << 8) | (response[9] << 16) | (response[10] << 24));
            Assert.AreEqual(ZigbeeTime.FromUtc(clock.UtcNow), value);
            Assert.AreEqual((byte)ZclDataType.Bitmap8, response[14]);
            Assert.AreEqual((byte)0x0D, response[15]);
            Assert.AreEqual((byte)ZclDataType.Int32, response[19]);
        }
    }
}
