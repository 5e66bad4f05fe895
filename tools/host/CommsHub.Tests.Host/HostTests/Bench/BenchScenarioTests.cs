using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CommsHub.Cli;
using CommsHub.Cli.Bench;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Bench
{
    /// <summary>Every shipped scenario (one per row of the GB rules, and the demo) passes on the virtual bench.</summary>
    [TestClass]
    public class BenchScenarioTests
    {
        [TestMethod]
        [DataRow("demo.chs")]
        [DataRow("s3-gsme-displaces-hcalcs.chs")]
        [DataRow("s3-gsme-displaces-ppmid.chs")]
        [DataRow("s3-newer-esme-refused-mid-transfer.chs")]
        [DataRow("s3-newer-esme-replaces-esme.chs")]
        [DataRow("s3-newer-gsme-refused-mid-transfer.chs")]
        [DataRow("s3-newer-gsme-replaces-gsme.chs")]
        [DataRow("s3-ppmid-after-14-day-gsme.chs")]
        [DataRow("s3-ppmid-hcalcs-overwrite.chs")]
        [DataRow("s3-ppmid-refused-by-old-gsme-mid-transfer.chs")]
        [DataRow("s3-ppmid-refused-by-young-gsme.chs")]
        [DataRow("s4-displaced.chs")]
        [DataRow("s4-hardware-mismatch.chs")]
        [DataRow("s4-never-started-14-days.chs")]
        [DataRow("s4-no-block-for-24-hours.chs")]
        [DataRow("s4-retries-exhausted.chs")]
        [DataRow("s4-upgrade-end-failure.chs")]
        [DataRow("s4-upgrade-end-success.chs")]
        [DataRow("s5-device-log-add-later.chs")]
        [DataRow("s5-invalid-image.chs")]
        [DataRow("s5-reboot-and-wan-down-alert-once.chs")]
        [DataRow("s5-two-hops-via-esme.chs")]
        [DataRow("s5-unlisted-device-refused.chs")]
        public void EveryShippedScenarioMeetsItsExpectations(string file)
        {
            var output = new StringWriter();

            int exit = CommandLine.Run(new[] { "bench", "run", RepoPaths.Of("boards/virtual/scenarios/" + file), "--plain" }, output, new StringWriter());

            Assert.AreEqual(0, exit, output.ToString());
        }

        [TestMethod]
        public void EveryScenarioFileIsRunByTheTests()
        {
            var listed = typeof(BenchScenarioTests).GetMethod(nameof(EveryShippedScenarioMeetsItsExpectations))
                .GetCustomAttributes(typeof(DataRowAttribute), false).Cast<DataRowAttribute>().Select(r => (string)r.MethodParameters[0]).OrderBy(f => f);
            var onDisk = Directory.GetFiles(RepoPaths.Of("boards/virtual/scenarios"), "*.chs").Select(Path.GetFileName).OrderBy(f => f);

            Assert.AreEqual(string.Join(",", onDisk), string.Join(",", listed));
        }

        [TestMethod]
        public void AFailedExpectationMakesTheRunFailAndSaysWhich()
        {
            string path = Path.Combine(Path.GetTempPath(), "commshub-failing-" + Guid.NewGuid() + ".chs");
            File.WriteAllText(path, "device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=10s\nat 0 image PPMID version=01000001 size=20k targets=ppmid\nrun 1h\nexpect alert ppmid failure\n");
            try
            {
                var output = new StringWriter();
                int exit = CommandLine.Run(new[] { "bench", "run", path, "--plain" }, output, new StringWriter());

                Assert.AreEqual(1, exit);
                Assert.IsTrue(output.ToString().Contains("FAILED line 4: expected a failure alert for ppmid, saw: FirmwareTransferAlert"), output.ToString());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TestMethod]
        [DataRow("device ppmid PPMID 00-DB-12-34", "line 1: '00-DB-12-34' is not an EUI-64")]
        [DataRow("at 5x power-off ppmid", "line 1: '5x': units are s, m, h and d")]
        [DataRow("device a PPMID 00-DB-12-34-56-78-90-A4\nat 0 image PPMID targets=b", "line 2: no device named 'b'")]
        [DataRow("expect alert ppmid maybe", "line 1: expect alert NAME success|discarded|hardware-mismatch|failure")]
        [DataRow("fly away", "line 1: unknown statement 'fly'")]
        public void ScenarioMistakesAreReportedWithTheirLine(string text, string message)
        {
            try
            {
                Scenario.Parse(text, "bad");
            }
            catch (ScenarioException e)
            {
                Assert.IsTrue(e.Message.StartsWith(message), e.Message);
                return;
            }

            Assert.IsTrue(false, "accepted: " + text);
        }

        [TestMethod]
        public void TheDemosCaptureDecryptsFullyInTsharkWithTheKeysFileBesideIt()
        {
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-demo-" + Guid.NewGuid() + ".pcap");
            string keys = Path.ChangeExtension(pcap, ".zigbee_pc_keys");
            try
            {
                var output = new StringWriter();
                Assert.AreEqual(0, CommandLine.Run(new[] { "bench", "--plain", "--pcap", pcap }, output, new StringWriter()), output.ToString());
                Assert.IsTrue(File.Exists(keys), "no keys file beside the capture");
                string[] lines = File.ReadAllLines(keys);
                Assert.IsTrue(lines.All(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^\"[0-9A-F]{32}\",\"Normal\",\"[^\"]+\"$")), string.Join("\n", lines));
                Assert.IsTrue(output.ToString().Contains("tshark -r '" + pcap + "' -o 'uat:zigbee_pc_keys:" + lines[0] + "'"), "the run does not print the tshark command: " + output);

                // Exactly the keys file, each line as tshark's own UAT option takes it.
                string keyOptions = string.Join(" ", lines.Select(l => "-o \"uat:zigbee_pc_keys:" + l.Replace("\"", "\\\"") + "\""));
                string all = Tshark("-r \"" + pcap + "\" " + keyOptions + " -T fields -e frame.number");
                string bad = Tshark("-r \"" + pcap + "\" " + keyOptions + " -Y \"_ws.malformed || _ws.expert.severity >= 6291456 || wpan.fcs_ok == 0\" -T fields -e frame.number -e _ws.expert.message");

                // Every NWK data frame decrypts down to APS, and every APS data frame (secured or not) down to ZCL or ZDP.
                string undecrypted = Tshark("-r \"" + pcap + "\" " + keyOptions + " -Y \"(zbee_nwk.frame_type == 0 && !zbee_aps) || (zbee_aps.type == 0 && !zbee_zcl && !zbee_zdp)\" -T fields -e frame.number");
                string secured = Tshark("-r \"" + pcap + "\" " + keyOptions + " -Y \"zbee_nwk.security == 1 && zbee_zcl\" -T fields -e frame.number");

                Assert.IsTrue(all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1000, "too few frames captured");
                Assert.AreEqual(string.Empty, bad.Trim(), "malformed frames or warnings");
                Assert.AreEqual(string.Empty, undecrypted.Trim(), "frames tshark could not decrypt and decode");
                Assert.IsTrue(secured.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1000, "too few NWK-secured ZCL frames decrypted");
            }
            finally
            {
                File.Delete(pcap);
                File.Delete(keys);
            }
        }

        [TestMethod]
        public void TheWanLogHoldsOneDecodableLinkFramePerLine()
        {
            string log = Path.Combine(Path.GetTempPath(), "commshub-wan-" + Guid.NewGuid() + ".log");
            try
            {
                Assert.AreEqual(0, CommandLine.Run(new[] { "bench", "run", RepoPaths.Of("boards/virtual/scenarios/s4-upgrade-end-success.chs"), "--plain", "--wan-log", log }, new StringWriter(), new StringWriter()));
                var lines = File.ReadAllLines(log);
                string alertFrame = lines.First(l => l.Contains("hub -> head-end") && l.Length > 300).Split(' ').Last();
                var decoded = new StringWriter();

                Assert.AreEqual(0, CommandLine.Run(new[] { "wan", "decode", alertFrame }, decoded, new StringWriter()));
                Assert.IsTrue(decoded.ToString().Contains("FirmwareTransferAlert target 00-DB-12-34-56-78-90-A4 version 01000001 result fileTransferSuccess"), decoded.ToString());
                Assert.IsTrue(lines.Any(l => l.Contains("hub <- head-end")));
            }
            finally
            {
                File.Delete(log);
            }
        }

        private static string Tshark(string arguments)
        {
            var start = new ProcessStartInfo("tshark", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
    }
}
