using System;
using System.IO;
using CommsHub.Cli;
using CommsHub.Cli.Bench;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>Every bad number in a scenario is a "line N: ..." error, never a Format or Overflow exception (issue 11, item 13).</summary>
    [TestClass]
    public class HostileScenarioTests
    {
        private const string Device = "device m1 ESME 00-DB-12-34-56-78-90-E1";

        [TestMethod]
        [DataRow("start x", 1, "'x' is not a UTC time")]
        [DataRow("loss x", 1, "'x' is not a loss probability")]
        [DataRow("loss NaN", 1, "'NaN' is not a loss probability")]
        [DataRow(Device + " block=256", 1, "block='256' is not a whole number from 1 to 255")]
        [DataRow(Device + " pages=70000", 1, "pages='70000' is not a whole number from 1 to 65535")]
        [DataRow(Device + " period=65536", 1, "period='65536' is not a whole number from 0 to 65535")]
        [DataRow(Device + " mfr=123456", 1, "'123456' is not a hex number from 0 to FFFF")]
        [DataRow("\nrun 90000000d", 2, "'90000000d' is longer than 36500d")]
        [DataRow("run 1e400d", 1, "units are s, m, h and d")]
        [DataRow("run 1000000000000000000000000000000000000000d", 1, "is longer than 36500d")]
        [DataRow(Device + "\nat 0 image ESME size=9999999999 targets=m1", 2, "'9999999999' is not a size")]
        [DataRow(Device + "\nat 0 image ESME size=4000000k targets=m1", 2, "'4000000k' is not a size")]
        [DataRow(Device + "\nat 0 image ESME version=zz targets=m1", 2, "'zz' is not a hex number")]
        [DataRow(Device + "\nexpect version m1", 2, "expect version NAME VERSION")]
        [DataRow("expect delivery x stored", 1, "'x' is not a hex number")]
        public void ABadValueIsReportedWithItsLine(string text, int line, string message)
        {
            try
            {
                Scenario.Parse(text, "bad");
                Assert.IsTrue(false, "accepted: " + text);
            }
            catch (ScenarioException e)
            {
                Assert.IsTrue(e.Message.StartsWith("line " + line + ": ") && e.Message.Contains(message), e.Message);
            }
        }

        [TestMethod]
        [DataRow(Device + " via=nobody", 1, "via='nobody': no device named 'nobody'")]
        [DataRow("device g GSME 00-DB-12-34-56-78-90-B2 via=m1\n" + Device, 1, "via='m1': declare m1 before g")]
        [DataRow("device g GSME 00-DB-12-34-56-78-90-B2\n" + Device + " via=g", 2, "via='g': g is not a router (ESME or HCALCS)")]
        [DataRow(Device + "\nloss m1-m2 0.1", 2, "'m1-m2' does not name a link between two radios")]
        [DataRow(Device + "\nloss hub-m1 2", 2, "'2' is not a loss probability from 0 to 1")]
        [DataRow(Device + "\nloss hub-m1 0.1 0.2", 2, "is not a loss line")]
        [DataRow("at 0 reboot", 1, "reboot needs what: at TIME reboot hub")]
        [DataRow("at 0 power-cut m1", 1, "power-cut needs what: at TIME power-cut hub")]
        [DataRow("at 0 wan-down", 1, "wan-down needs a duration")]
        [DataRow("at 0 wan-down 5x", 1, "'5x': units are s, m, h and d")]
        [DataRow(Device + "\nat 0 device-log drop m1", 2, "device-log needs add or remove and a device")]
        [DataRow("at 0 device-log add ghost", 1, "no device named 'ghost'")]
        [DataRow(Device + "\nat 0 image ESME targets=m1 broken", 2, "unknown image option 'broken'")]
        [DataRow("expect delivery 01000001 lost", 1, "expect delivery VERSION stored|refused|invalid")]
        [DataRow(Device + "\nexpect cbke m1 suite=3", 2, "expect cbke NAME [suite=1|2]")]
        [DataRow("expect joined", 1, "expect joined needs a device name")]
        [DataRow("expect refused ghost", 1, "no device named 'ghost'")]
        public void AMistakeInTheIssue14StatementsIsReportedWithItsLine(string text, int line, string message)
        {
            ABadValueIsReportedWithItsLine(text, line, message);
        }

        [TestMethod]
        public void TheBenchCommandPrintsTheLineAndNoStackTrace()
        {
            string file = Path.Combine(Path.GetTempPath(), "commshub-bad-" + Guid.NewGuid().ToString("N") + ".chs");
            File.WriteAllText(file, "# a comment\nrun 90000000d\n");
            try
            {
                var output = new StringWriter();
                var error = new StringWriter();
                int code = CommandLine.Run(new[] { "bench", "run", file }, output, error);
                Assert.AreEqual(ExitCodes.Refused, code);
                Assert.IsTrue(error.ToString().Contains("line 2: '90000000d' is longer than 36500d"), error.ToString());
                Assert.IsFalse(error.ToString().Contains("   at "), error.ToString());
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
