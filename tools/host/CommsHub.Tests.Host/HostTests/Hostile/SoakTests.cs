using System.IO;
using System.Linq;
using CommsHub.Cli.Bench;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>
    /// The soak, short: a few virtual days of the busy HAN with a hub reboot, a power cut inside flash work and a WAN
    /// outage. The full 90 days is `commshub bench soak`.
    /// </summary>
    [TestClass]
    public class SoakTests
    {
        [TestMethod]
        public void AShortSoakLosesNoAlertShowsNoneTwiceAndKeepsTheHeapFlat()
        {
            var result = Soak.Run(4, null);
            Assert.AreEqual(0, result.Failures.Count, string.Join(" | ", result.Failures));
            Assert.IsTrue(result.PowerCuts >= 1, "no power cut landed inside flash work");
            Assert.IsTrue(result.Boots >= 3, "boots: " + result.Boots);
            Assert.IsTrue(result.Alerts >= 10, "only " + result.Alerts + " alerts: the HAN was not busy");
            Assert.AreEqual(4, result.HeapByDay.Count);
        }

        [TestMethod]
        public void TheSoakScenarioHasEveryKindOfEvent()
        {
            var scenario = Scenario.Parse(Soak.ScenarioText(12), "soak");
            foreach (string what in new[] { "image", "wan-outage", "hub-reboot", "hub-power-cut", "silent" })
            {
                Assert.IsTrue(scenario.Events.Any(e => e.What == what), what);
            }

            foreach (string kind in new[] { "ESME", "GSME", "PPMID", "HCALCS" })
            {
                Assert.IsTrue(scenario.Events.Any(e => e.What == "image" && e.Args[0] == kind), kind);
            }
        }
    }
}
