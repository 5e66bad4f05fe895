using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using CommsHub.Cli;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Cli
{
    /// <summary>
    /// The README's head-end walkthrough, run as written (its own command lines, read from the README) against
    /// `commshub board` with an emulated PPMID on the board's HAN: it ends with the PPMID's 0x8F8A success alert.
    /// Two changes only, for a test: a free loopback port and a temporary folder, and a 4 kB firmware instead of 60 kB.
    /// </summary>
    [TestClass]
    public class BoardHanWalkthroughTests
    {
        private const string ReadmePort = "tcp:127.0.0.1:5555";

        [TestMethod]
        public void TheReadmeWalkthroughEndsWithTheDevicesSuccessAlert()
        {
            List<string> lines = WalkthroughLines();
            string folder = Path.Combine(Path.GetTempPath(), "commshub-walkthrough-" + Guid.NewGuid());
            Directory.CreateDirectory(folder);
            string address = "tcp:127.0.0.1:" + FreePort();
            var boardOutput = new StringWriter();
            var log = new StringWriter();
            using var stop = new CancellationTokenSource();
            int boardExit = -1;
            try
            {
                string boardLine = lines.Single(l => l.StartsWith("commshub board ", StringComparison.Ordinal));
                string[] boardArgs = boardLine.Replace(ReadmePort, address).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();
                var parse = BoardCommand.Build().Parse(boardArgs);
                Assert.AreEqual(0, parse.Errors.Count, string.Join("; ", parse.Errors.Select(e => e.Message)));
                var devices = BoardDevices.Parse(BoardDevices.Groups(parse, "--device"));
                Assert.AreEqual(1, devices.Count, "the walkthrough's board has one device");
                string flash = Path.Combine(folder, "commshub.flash");
                var board = new Thread(() => boardExit = BoardCommand.Run(flash, 300, address, TextWriter.Synchronized(boardOutput), stop.Token, devices)) { IsBackground = true };
                board.Start();
                WaitFor(() => boardOutput.ToString().Contains("listening on"), TimeSpan.FromSeconds(30), boardOutput);

                string alertText = null;
                foreach (string line in lines.Where(l => !l.StartsWith("commshub board ", StringComparison.Ordinal)))
                {
                    if (line.StartsWith("head -c ", StringComparison.Ordinal))
                    {
                        // A small firmware: the download then takes seconds in real time.
                        var bytes = new byte[4000];
                        new Random(7).NextBytes(bytes);
                        File.WriteAllBytes(Path.Combine(folder, Regex.Match(line, @"> (\S+)").Groups[1].Value), bytes);
                        continue;
                    }

                    string[] args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => InFolder(folder, a)).ToArray();
                    Assert.AreEqual("commshub", line.Split(' ')[0], "a walkthrough line that is not a commshub command: " + line);
                    if (args[0] == "wan" && args[1] == "decode")
                    {
                        continue; // its arguments are placeholders (a frame and a key of the reader's)
                    }

                    if (args[0] == "wan")
                    {
                        args = new[] { "wan", "--connect", address, "--state", folder }.Concat(args.Skip(1)).ToArray();
                    }

                    if (args.Contains("alerts"))
                    {
                        alertText = AwaitAlerts(args, log);
                        continue;
                    }

                    var output = new StringWriter();
                    int exit = CommandLine.Run(args, output, output);
                    log.WriteLine("$ " + line + "\n" + output);
                    Assert.AreEqual(0, exit, line + "\n" + output + "\nboard:\n" + boardOutput);
                }

                Assert.IsNotNull(alertText, "the walkthrough has no 'wan alerts' line");
                Assert.IsTrue(alertText.Contains("target 00-DB-12-34-56-78-90-A4 version 01000007 result fileTransferSuccess (0x8F8A)"),
                    "no success alert for the PPMID:\n" + log + "\nboard:\n" + boardOutput);
                Assert.IsTrue(alertText.Contains("signature            valid"), alertText);
            }
            finally
            {
                stop.Cancel();
                Thread.Sleep(200);
            }

            WaitFor(() => boardExit >= 0, TimeSpan.FromSeconds(10), boardOutput);
            string told = boardOutput.ToString();
            Directory.Delete(folder, true);
            Assert.AreEqual(0, boardExit, told);
            foreach (string expected in new[]
            {
                "commshub wan set-cbke-cert --suite 2 --cert ", "ppmid: refused by the hub", "ppmid: joined the HAN as rx-on end device",
                "ppmid: registered: CBKE suite 2", "ppmid: starts downloading image 01000007", "ppmid: download ended: ",
                "alert #1 queued: 0x8F8A for 00-DB-12-34-56-78-90-A4", "alert #1 acknowledged by the head-end",
            })
            {
                Assert.IsTrue(told.Contains(expected), "the board did not say '" + expected + "':\n" + told);
            }
        }

        [TestMethod]
        public void ABadDeviceIsRefusedNamingWhatIsWrong()
        {
            string folder = Path.Combine(Path.GetTempPath(), "commshub-board-devices-" + Guid.NewGuid());
            Directory.CreateDirectory(folder);
            string flash = Path.Combine(folder, "hub.flash");
            const string Eui = "00-DB-12-34-56-78-90-A4";
            foreach (var (exit, expected, args) in new (int, string, string[])[]
            {
                (2, "TYPE takes ESME, GSME, PPMID or HCALCS, not 'METER'", new[] { "--device", "a", "METER", Eui }),
                (2, "'00-DB-12' is not an EUI-64", new[] { "--device", "a", "PPMID", "00-DB-12" }),
                (2, "CRC", new[] { "--device", "a", "PPMID", Eui, "83FED3407A939723A5C639B26916D505C3B6" }),
                (2, "INSTALL-CODE takes hex digits, not 'XYZ'", new[] { "--device", "a", "PPMID", Eui, "XYZ" }),
                (2, "two devices are named a", new[] { "--device", "a", "PPMID", Eui, "--device", "a", "GSME", "00-DB-12-34-56-78-90-B1" }),
                (2, "EUI-64 00-DB-12-34-56-78-90-A4 is already a's", new[] { "--device", "a", "PPMID", Eui, "--device", "b", "GSME", Eui }),
                (64, "--device takes NAME TYPE EUI-64 [INSTALL-CODE], not 5 value(s)", new[] { "--device", "a", "PPMID", Eui, "83FED3407A939723A5C639B26916D505C3B5", "extra" }),
            })
            {
                var output = new StringWriter();
                int got = CommandLine.Run(new[] { "board", "--flash", flash, "--seconds", "0" }.Concat(args).ToArray(), output, output);
                Assert.AreEqual(exit, got, string.Join(" ", args) + ": " + output);
                Assert.IsTrue(output.ToString().Contains(expected), "expected '" + expected + "' in: " + output);
            }

            Assert.IsFalse(File.Exists(flash), "a refused command line touched the flash file");
            Directory.Delete(folder, true);
        }

        /// <summary>`wan alerts --wait N` as written, in slices of a few seconds so the test ends when the alert is in: N is the most it waits.</summary>
        private static string AwaitAlerts(string[] args, StringWriter log)
        {
            int at = Array.IndexOf(args, "--wait");
            Assert.IsTrue(at > 0, "the walkthrough's alerts line gives no --wait");
            double limit = double.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture);
            string[] slice = (string[])args.Clone();
            slice[at + 1] = "5";
            var all = new StringWriter();
            var until = DateTime.UtcNow.AddSeconds(limit);
            do
            {
                var output = new StringWriter();
                int exit = CommandLine.Run(slice, output, output);
                all.Write(output);
                Assert.AreEqual(0, exit, output.ToString());
            }
            while (!all.ToString().Contains("(0x8F8A)") && DateTime.UtcNow < until);

            log.WriteLine("$ commshub " + string.Join(" ", args) + "\n" + all);
            return all.ToString();
        }

        private static string InFolder(string folder, string token) =>
            Regex.IsMatch(token, @"^[\w.]+\.(ota|bin|cert|key|ca)$") ? Path.Combine(folder, token) : token;

        /// <summary>The commands of the README's "Driving the hub from a head-end" block, without comments.</summary>
        private static List<string> WalkthroughLines()
        {
            string readme = File.ReadAllText(RepoPaths.Of("README.md"));
            int section = readme.IndexOf("## Driving the hub from a head-end", StringComparison.Ordinal);
            Assert.IsTrue(section >= 0, "the README has no head-end walkthrough");
            int start = readme.IndexOf("```sh", section, StringComparison.Ordinal) + 5;
            int end = readme.IndexOf("```", start, StringComparison.Ordinal);
            return readme[start..end].Split('\n')
                .Select(l => Regex.Replace(l, @"\s+#.*$", "").Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .ToList();
        }

        private static void WaitFor(Func<bool> condition, TimeSpan limit, StringWriter about)
        {
            var until = DateTime.UtcNow + limit;
            while (!condition() && DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }

            Assert.IsTrue(condition(), "timed out waiting:\n" + about);
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
