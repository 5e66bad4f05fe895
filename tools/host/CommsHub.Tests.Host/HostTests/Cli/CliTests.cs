using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using CommsHub.Cli;
using CommsHub.Cli.Ota;
using CommsHub.Cli.Wan;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.Tests.HostTests.Storage;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Cli
{
    /// <summary>The command line as a person meets it: help, exit codes, messages that name what is wrong.</summary>
    [TestClass]
    public class CliTests
    {
        private const string Ppmid = "00-DB-12-34-56-78-90-A4";

        [TestMethod]
        public void EveryCommandHasHelpThatWorksWithoutConnecting()
        {
            int commands = 0;
            void Visit(Command command, string[] path)
            {
                var (exit, output, error) = Run(path.Append("--help").ToArray());
                Assert.AreEqual(0, exit, string.Join(" ", path) + ": " + error);
                Assert.IsTrue(output.Contains("Usage:") && output.Contains("Description:"), string.Join(" ", path) + ":\n" + output);
                commands++;
                foreach (var sub in command.Subcommands)
                {
                    Visit(sub, path.Append(sub.Name).ToArray());
                }
            }

            // Nothing listens on the default port: any attempt to connect would fail the exit code check.
            Visit(CommandLine.Build(), Array.Empty<string>());

            Assert.IsTrue(commands >= 20, commands + " commands");
        }

        [TestMethod]
        public void TheTopLevelHelpListsEverythingAndTheVersionPrints()
        {
            var (exit, output, _) = Run("--help");

            Assert.AreEqual(0, exit);
            foreach (string expected in new[] { "--wan tcp:HOST:PORT|pty|serial:DEVICE[@BAUD]", "set-key", "bench", "radio", "activate", "ota create", "device-log add|remove|list", "64 usage" })
            {
                Assert.IsTrue(output.Contains(expected), "missing '" + expected + "' in:\n" + output);
            }

            var version = Run("--version");
            Assert.AreEqual(0, version.Exit);
            Assert.IsTrue(version.Output.StartsWith("commshub " + CommandLine.Version), version.Output);
            Assert.AreEqual(64, Run().Exit);
        }

        [TestMethod]
        [DataRow("wan alerts --wait abc", "--wait")]
        [DataRow("wan set-key 12zz", "PRIVATE-KEY")]
        [DataRow("wan set-key 1234", "PRIVATE-KEY takes 64 hex digits")]
        [DataRow("wan decode 00 --cert", "--cert")]
        [DataRow("wan send x.ota --type METER --target 00-DB-12-34-56-78-90-A4", "--type")]
        [DataRow("wan send x.ota --type ESME --target 12", "--target")]
        [DataRow("board --seconds -1", "--seconds")]
        [DataRow("ota create fw.bin --manufacturer XYZ --image-type 1 --file-version 1 --output o.ota", "--manufacturer")]
        [DataRow("wan device-log add 00DB1234567890A4 ESME 12G4", "INSTALL-CODE")]
        [DataRow("wan frobnicate", "frobnicate")]
        public void BadOptionsAreUsageErrorsThatNameTheOption(string line, string named)
        {
            var (exit, _, error) = Run(line.Split(' '));

            Assert.AreEqual(64, exit, error);
            Assert.IsTrue(error.Contains(named) && error.Contains("--help"), error);
            Assert.IsFalse(error.Contains("   at "), "a stack trace:\n" + error);
        }

        [TestMethod]
        public void FailingToConnectIsAFailureNotAUsageError()
        {
            int port = FreePort();

            var (exit, _, error) = Run("wan", "--connect", "tcp:localhost:" + port, "identity");

            Assert.AreEqual(1, exit, error);
            Assert.IsTrue(error.Contains("cannot connect to tcp:localhost:" + port), error);
        }

        [TestMethod]
        public void AListenerThatIsNotAHubIsNamedAsSuchWithinTheTimeout()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var (exit, _, error) = Run("wan", "--connect", "tcp:127.0.0.1:" + port, "--timeout", "1", "status");

                Assert.AreEqual(1, exit, error);
                Assert.IsTrue(error.Contains("answered as a CommsHub hub within 1 s"), error);
            }
            finally
            {
                listener.Stop();
            }
        }

        [TestMethod]
        public void InputFilesThatAreMissingOrWrongAreRefusedWithoutAStackTrace()
        {
            string folder = Temp();
            string wrongSize = Path.Combine(folder, "small.flash");
            File.WriteAllBytes(wrongSize, new byte[1000]);
            string publicOnly = Path.Combine(folder, "key.pem");
            using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                File.WriteAllText(publicOnly, key.ExportSubjectPublicKeyInfoPem());
            }

            foreach (var (args, says) in new[]
            {
                (new[] { "wan", "--connect", "tcp:127.0.0.1:" + FreePort(), "send", Path.Combine(folder, "missing.ota"), "--type", "PPMID", "--target", Ppmid }, "cannot read"),
                (new[] { "board", "--flash", wrongSize, "--seconds", "0" }, "not a 4194304-byte W25Q32 image"),
                (new[] { "board", "--flash", Path.Combine(folder, "no", "such", "commshub.flash"), "--seconds", "0" }, "does not exist"),
                (new[] { "wan", "decode", "00", "--cert", Path.Combine(folder, "missing.pem") }, "--cert"),
                (new[] { "wan", "activate", "00020001" }, "would be false"),
                (new[] { "bench", "run", Path.Combine(folder, "missing.chs") }, "cannot read"),
                (new[] { "bench", "run", WriteText(folder, "bad.chs", "fly away\n") }, "line 1: unknown statement 'fly'"),
                (new[] { "wan", "device-log", "add", Ppmid, "PPMID", "83FED3407A939723A5C639B26916D505C3B6" }, "CRC-16/X.25 of its 16 bytes is C3 B5"),
                (new[] { "wan", "device-log", "add", Ppmid, "PPMID", "83FED3407A9397" }, "6, 8, 12 or 16 bytes"),
                (new[] { "wan", "device-log", "add", Ppmid, "PPMID", "83FED3407A939723A5C639B26916D505", "--join-timeout", "70000" }, "--join-timeout"),
            })
            {
                var (exit, _, error) = Run(args);
                Assert.AreEqual(2, exit, string.Join(" ", args) + ": " + error);
                Assert.IsTrue(error.Contains(says), string.Join(" ", args) + ": " + error);
                Assert.IsFalse(error.Contains("   at "), error);
            }

            Assert.AreEqual(1000, new FileInfo(wrongSize).Length, "the wrong-size flash file was touched");
        }

        [TestMethod]
        public void DecodeTakesTheKeyAsIdentityPrintsItOrAsAPublicKeyPem()
        {
            var bench = new CommsHub.VirtualBoard.VirtualBoard(null, DateTime.UtcNow);
            bench.Boot();
            byte[] alert = SignedAlert(bench, out byte[] publicKey);
            string pem = Path.Combine(Temp(), "hub.pem");
            using (var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] } }))
            {
                File.WriteAllText(pem, ecdsa.ExportSubjectPublicKeyInfoPem());
            }

            foreach (string key in new[] { Convert.ToHexString(publicKey), "04" + Convert.ToHexString(publicKey), pem })
            {
                var (exit, output, error) = Run("wan", "decode", Convert.ToHexString(alert), "--cert", key);
                Assert.AreEqual(0, exit, error + output);
                Assert.IsTrue(output.Contains("signature            valid"), output);
            }
        }

        [TestMethod]
        public void InstallCodeCrcAndAesMmoMatchThePublishedVectors()
        {
            foreach (var (code, crc, linkKey) in new[]
            {
                ("83FED3407A939723A5C639B26916D505", "C3B5", "66B6900981E1EE3CA4206B6B861C02BB"),
                ("1122334455667788", "4AF7", "41618FC0C83B0E14A589954B16E31466"),
                ("83FED3407A939738", "C552", "A833A77434F3BFBD7A7AB97942149287"),
            })
            {
                ushort value = InstallCode.Crc(Convert.FromHexString(code));
                Assert.AreEqual(crc, ((byte)value).ToString("X2") + ((byte)(value >> 8)).ToString("X2"), code);
                Assert.IsNull(InstallCode.Problem(Convert.FromHexString(code + crc)), code);
                Assert.AreEqual(linkKey, Convert.ToHexString(AesMmo.Hash(Convert.FromHexString(code + crc))), code);
            }
        }

        [TestMethod]
        public void OtaCreateMakesAFileTheHubServesAndHerdsmanReadsTheSame()
        {
            string folder = Temp();
            string firmware = Path.Combine(folder, "fw.bin");
            string tag = Path.Combine(folder, "tag.bin");
            byte[] image = new byte[20000];
            new Random(5).NextBytes(image);
            File.WriteAllBytes(firmware, image);
            File.WriteAllBytes(tag, new byte[] { 1, 2, 3, 4, 5 });
            string ota = Path.Combine(folder, "made.ota");

            var (exit, output, error) = Run("ota", "create", firmware, "--manufacturer", "1234", "--image-type", "0x0002", "--file-version", "01000007",
                "--output", ota, "--stack-version", "0002", "--header-string", "bench image", "--hardware-versions", "0001-0003",
                "--security-credential", "2", "--destination", Ppmid, "--integrity", "--tag", "F100=" + tag);

            Assert.AreEqual(0, exit, error + output);
            var inspected = Run("ota", "inspect", ota, "--json");
            Assert.AreEqual(0, inspected.Exit, inspected.Output);
            using var doc = JsonDocument.Parse(inspected.Output);
            var header = doc.RootElement.GetProperty("header");
            Assert.AreEqual("0x1234", header.GetProperty("manufacturerCode").GetString());
            Assert.AreEqual("0x0002", header.GetProperty("imageType").GetString());
            Assert.AreEqual("0x01000007", header.GetProperty("fileVersion").GetString());
            Assert.AreEqual("bench image", header.GetProperty("headerString").GetString());
            Assert.AreEqual(Ppmid, header.GetProperty("upgradeFileDestination").GetString());

            using var herdsman = JsonDocument.Parse(Oracles.Run("node", "\"" + RepoPaths.Of("tools/oracles/ota-parse.cjs") + "\" \"" + ota + "\"", ""));
            var read = herdsman.RootElement[0];
            Assert.IsTrue(read.GetProperty("ok").GetBoolean(), read.ToString());
            var h = read.GetProperty("header");
            Assert.AreEqual(0x1234, h.GetProperty("manufacturerCode").GetInt32());
            Assert.AreEqual(2, h.GetProperty("imageType").GetInt32());
            Assert.AreEqual(0x01000007, h.GetProperty("fileVersion").GetInt32());
            Assert.AreEqual(2, h.GetProperty("zigbeeStackVersion").GetInt32());
            Assert.AreEqual("bench image", h.GetProperty("otaHeaderString").GetString().TrimEnd('\0'));
            Assert.AreEqual(2, h.GetProperty("securityCredentialVersion").GetInt32());
            Assert.AreEqual("a49078563412db00", h.GetProperty("upgradeFileDestination").GetString(), "the destination EUI-64, little-endian");
            Assert.AreEqual(1, h.GetProperty("minimumHardwareVersion").GetInt32());
            Assert.AreEqual(3, h.GetProperty("maximumHardwareVersion").GetInt32());
            Assert.AreEqual((int)new FileInfo(ota).Length, h.GetProperty("totalImageSize").GetInt32());
            var elements = read.GetProperty("elements").EnumerateArray().ToList();
            Assert.AreEqual(3, elements.Count);
            Assert.AreEqual(0, elements[0].GetProperty("tagId").GetInt32());
            Assert.AreEqual(Convert.ToHexString(image), elements[0].GetProperty("hex").GetString().ToUpperInvariant());
            Assert.AreEqual(0xF100, elements[1].GetProperty("tagId").GetInt32());
            Assert.AreEqual(3, elements[2].GetProperty("tagId").GetInt32());
            byte[] file = File.ReadAllBytes(ota);
            Assert.AreEqual(Convert.ToHexString(AesMmo.Hash(file[..^22])), elements[2].GetProperty("hex").GetString().ToUpperInvariant());
        }

        [TestMethod]
        public void OtaCreateRefusesWhatTheHubWouldRefuseUnlessForced()
        {
            string folder = Temp();
            string firmware = Path.Combine(folder, "fw.bin");
            File.WriteAllBytes(firmware, new byte[10]);
            string ota = Path.Combine(folder, "bad.ota");

            var (exit, _, error) = Run("ota", "create", firmware, "--manufacturer", "1234", "--image-type", "1", "--file-version", "1", "--output", ota, "--hardware-versions", "0003-0001");

            Assert.AreEqual(2, exit, error);
            Assert.IsTrue(error.Contains("--hardware-versions"), error);
            Assert.IsFalse(File.Exists(ota));
        }

        [TestMethod]
        public void OtaInspectTakesSeveralFilesOrAFolder()
        {
            string folder = Temp();
            File.WriteAllBytes(Path.Combine(folder, "a.ota"), new OtaFileBuilder().UpgradeImage(400).Build());
            File.WriteAllBytes(Path.Combine(folder, "b.ota"), new OtaFileBuilder { TruncateTo = 300 }.UpgradeImage(1000).Build());

            var (exit, output, _) = Run("ota", "inspect", folder);
            var json = Run("ota", "inspect", Path.Combine(folder, "a.ota"), Path.Combine(folder, "b.ota"), "--json");

            Assert.AreEqual(2, exit);
            string[] lines = output.Trim().Split('\n');
            Assert.AreEqual(3, lines.Length, output);
            Assert.IsTrue(lines[0].Contains("a.ota: servable") && lines[1].Contains("b.ota: REFUSED") && lines[1].Contains("file-shorter-than-declared"), output);
            Assert.IsTrue(lines[2].Contains("2 file(s): 1 servable, 1 refused"), output);
            var objects = json.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.AreEqual(2, objects.Count);
            Assert.IsTrue(objects[0].GetProperty("servable").GetBoolean() && !objects[1].GetProperty("servable").GetBoolean());
        }

        [TestMethod]
        public void ASecondBoardOnTheSameFlashFileIsRefused()
        {
            string flash = Path.Combine(Temp(), "hub.flash");
            using (FlashLock.Take(flash))
            {
                var (exit, _, error) = Run("board", "--flash", flash, "--seconds", "0");
                Assert.AreEqual(2, exit, error);
                Assert.IsTrue(error.Contains("another board is running on"), error);
            }

            Assert.AreEqual(0, Run("board", "--flash", flash, "--seconds", "0").Exit);
        }

        [TestMethod]
        public void SendRefusesTruncatedAndOversizedFilesBeforeConnecting()
        {
            string folder = Temp();
            string truncated = Path.Combine(folder, "truncated.ota");
            File.WriteAllBytes(truncated, new OtaFileBuilder { TruncateTo = 300 }.UpgradeImage(1000).Build());
            string big = Path.Combine(folder, "big.ota");
            File.WriteAllBytes(big, new OtaFileBuilder().UpgradeImage(768001).Build());
            string nowhere = "tcp:127.0.0.1:" + FreePort();

            var t = Run("wan", "--connect", nowhere, "send", truncated, "--type", "PPMID", "--target", Ppmid);
            var b = Run("wan", "--connect", nowhere, "send", big, "--type", "PPMID", "--target", Ppmid);
            var forced = Run("wan", "--connect", nowhere, "send", truncated, "--type", "PPMID", "--target", Ppmid, "--force");

            Assert.AreEqual(2, t.Exit, t.Error);
            Assert.IsTrue(t.Error.Contains("was not sent: file-shorter-than-declared"), t.Error);
            Assert.AreEqual(2, b.Exit, b.Error);
            Assert.IsTrue(b.Error.Contains("at most 768000"), b.Error);
            Assert.AreEqual(1, forced.Exit, "with --force it tries to connect: " + forced.Error);
            Assert.IsTrue(forced.Error.Contains("cannot connect"), forced.Error);
        }

        [TestMethod]
        public void OverLoopbackTcpTheHeadEndWorksAndASendResumesAfterTheHubRestarts()
        {
            using var board = new LoopbackBoard();
            string state = Temp();
            var id = Run("wan", "--connect", board.Address, "--state", state, "identity");
            Assert.AreEqual(0, id.Exit, id.Error);
            Assert.IsTrue(id.Output.Contains("Signing public key (x ‖ y): "), id.Output);
            Assert.AreEqual(0, Run("wan", "--connect", board.Address, "time").Exit);
            // The code as GBCS gives it, without its CRC: the hub computes it and lists the code with it.
            Assert.AreEqual(0, Run("wan", "--connect", board.Address, "device-log", "add", Ppmid, "PPMID", "83FED3407A939723A5C639B26916D505", "--join-timeout", "600").Exit);
            var list = Run("wan", "--connect", board.Address, "device-log", "list");
            Assert.IsTrue(list.Output.Contains(Ppmid + "  PPMID   install code 83FED3407A939723A5C639B26916D505C3B5"), list.Output);

            string file = Path.Combine(state, "image.ota");
            File.WriteAllBytes(file, new OtaFileBuilder { FileVersion = 0x01000009 }.UpgradeImage(300000).Build());
            board.RestartAfterBytes = 100000;
            var send = Run("wan", "--connect", board.Address, "--timeout", "2", "send", file, "--type", "PPMID", "--target", Ppmid);

            Assert.AreEqual(0, send.Exit, send.Output + send.Error);
            Assert.AreEqual(1, board.Restarts);
            Assert.IsTrue(send.Output.Contains("resuming at byte"), send.Output);
            Assert.IsTrue(send.Output.Contains(": stored"), send.Output);
            Assert.IsFalse(send.Output.Contains("\r"), "carriage returns in captured output");
            Assert.IsFalse(send.Output.Contains("stored — stored"), send.Output);
        }

        [TestMethod]
        public void AWaitingAlertsIsNotStrandedWhenASecondHeadEndTakesTheHub()
        {
            using var board = new LoopbackBoard();
            (int Exit, string Output, string Error) result = default;
            var waiting = new Thread(() => result = Run("wan", "--connect", board.Address, "--state", Temp(), "alerts", "--wait", "30")) { IsBackground = true };
            var started = DateTime.UtcNow;
            waiting.Start();
            Thread.Sleep(1500);
            using (var second = new TcpClient())
            {
                second.Connect(IPAddress.Loopback, board.Port);
                Assert.IsTrue(waiting.Join(10000), "alerts kept waiting after the hub dropped it");
            }

            Assert.AreEqual(1, result.Exit, result.Output + result.Error);
            Assert.IsTrue(result.Output.Contains("The hub closed this connection (another head-end connected"), result.Output);
            Assert.IsTrue((DateTime.UtcNow - started).TotalSeconds < 20);
        }

        [TestMethod]
        public void TheBenchDemoOutputIsPolished()
        {
            var (exit, output, error) = Run("bench", "--plain");

            Assert.AreEqual(0, exit, error);
            Assert.IsFalse(output.Contains("[decision"), "a [decision] tag in:\n" + output);
            Assert.IsFalse(output.Contains("stored — stored") || output.Contains("refused — refused"), output);
            Assert.IsFalse(output.Contains("Gsme") || output.Contains("Ppmid") || output.Contains("Esme") || output.Contains("Hcalcs"), output);
            Assert.IsTrue(output.Contains("WAN delivers GSME image"), output);
            Assert.IsTrue(output.Contains("esme1: 50 % of its image") && output.Contains("gsme: 100 % of its image"), output);
            string[] table = output.Split('\n').SkipWhile(l => !l.StartsWith("device ")).TakeWhile(l => l.Trim().Length > 0).ToArray();
            Assert.AreEqual(5, table.Length, output);
            foreach (string row in table)
            {
                Assert.IsTrue(row.TrimEnd('\r').Length <= 100, row.Length + " columns: " + row);
            }

            string gsme = table.Single(r => r.StartsWith("gsme "));
            Assert.IsTrue(gsme.Contains(" GSME ") && gsme.Contains("polling"), gsme);
            Assert.IsTrue(table.Single(r => r.StartsWith("esme1 ")).Contains("airtime"), output);
        }

        private static byte[] SignedAlert(CommsHub.VirtualBoard.VirtualBoard board, out byte[] publicKey)
        {
            var headEnd = new HeadEnd(board.Wan.B, board.Clock, () => board.Step(TimeSpan.FromMilliseconds(1)), null);
            publicKey = headEnd.GetIdentity().PublicKey;
            headEnd.SetTime(StoreRig.Start);
            headEnd.SendImage(StoreRig.Image(0x0123ABCD, 5000), 2, 0x0123ABCD, new[] { 0x00DB1234567890A4UL }, null);
            board.Hub.Store.OnHardwareMismatch(0x00DB1234567890A4);
            var alerts = headEnd.CollectAlerts(TimeSpan.FromSeconds(2));
            Assert.AreEqual(1, alerts.Count);
            return alerts[0].Gbcs;
        }

        private static string WriteText(string folder, string name, string text)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static string Temp()
        {
            string folder = Path.Combine(Path.GetTempPath(), "commshub-cli-" + Guid.NewGuid());
            Directory.CreateDirectory(folder);
            return folder;
        }

        private static (int Exit, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CommandLine.Run(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
