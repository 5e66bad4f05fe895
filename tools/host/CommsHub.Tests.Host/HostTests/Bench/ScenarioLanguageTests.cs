using System;
using System.IO;
using System.Linq;
using CommsHub.Cli;
using CommsHub.Cli.Bench;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Bench
{
    /// <summary>The statements issue 14 added to the scenario language (boards/virtual/scenarios/README.md).</summary>
    [TestClass]
    public class ScenarioLanguageTests
    {
        [TestMethod]
        public void TheIssueSpellingsAndTheOlderOnesNameTheSameEvents()
        {
            var s = Scenario.Parse("at 1h reboot hub\nat 2h power-cut hub\nat 3h wan-down 2h\nat 4h hub-reboot\nat 5h hub-power-cut\nat 6h wan-outage 2h", "aliases");

            Assert.AreEqual("hub-reboot,hub-power-cut,wan-outage,hub-reboot,hub-power-cut,wan-outage", string.Join(",", s.Events.Select(e => e.What)));
            Assert.AreEqual("2h", s.Events[2].Args[0]);
        }

        [TestMethod]
        public void PlacementAndTheDeviceLogAreParsed()
        {
            var s = Scenario.Parse(
                "device esme-1 ESME 00-DB-12-34-56-78-90-E1\n"
                + "device gsme GSME 00-DB-12-34-56-78-90-B2 via=esme-1 unlisted\n"
                + "loss hub-esme-1 0.25\n"
                + "at 1h device-log add gsme\n"
                + "expect refused gsme\nexpect cbke gsme suite=1\nexpect delivery 01000001 invalid\n", "placement");

            Assert.AreEqual("esme-1", s.Via["gsme"].Router);
            Assert.IsTrue(s.Unlisted.Contains("gsme"));
            Assert.IsFalse(s.Unlisted.Contains("esme-1"));
            // A name holding '-' still splits where both ends are radios.
            Assert.AreEqual(("hub", "esme-1"), s.LinkLosses[0].Ends(s));
            Assert.AreEqual(0.25, s.LinkLosses[0].Probability);
            Assert.AreEqual("device-log", s.Events[0].What);
        }

        [TestMethod]
        public void ANegatedExpectationOnAJoinMakesTheRunFailAndSaysWhich()
        {
            string path = Path.Combine(Path.GetTempPath(), "commshub-join-" + Guid.NewGuid() + ".chs");
            File.WriteAllText(path, "device intruder PPMID 00-DB-12-34-56-78-90-F9 unlisted\nrun 10m\nexpect joined intruder\nexpect refused intruder\n");
            try
            {
                var output = new StringWriter();
                int exit = CommandLine.Run(new[] { "bench", "run", path, "--plain" }, output, new StringWriter());

                Assert.AreEqual(1, exit, output.ToString());
                Assert.IsTrue(output.ToString().Contains("FAILED line 3: expected intruder to be joined at the end, it is Refused"), output.ToString());
                Assert.IsFalse(output.ToString().Contains("FAILED line 4"), output.ToString());
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
