using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using CommsHub.Cli;
using CommsHub.Tests.HostTests.Ota;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Cli
{
    /// <summary>`commshub board` on a loopback port, driven by the head-end commands, tells each WAN event in a line.</summary>
    [TestClass]
    public class BoardCommandTests
    {
        [TestMethod]
        public void TheBoardTellsEveryWanEventAndWhenASecondHeadEndTakesOver()
        {
            string folder = Path.Combine(Path.GetTempPath(), "commshub-board-" + Guid.NewGuid());
            Directory.CreateDirectory(folder);
            string flash = Path.Combine(folder, "hub.flash");
            int port = FreePort();
            string address = "tcp:127.0.0.1:" + port;
            var output = new StringWriter();
            using var stop = new CancellationTokenSource();
            int exit = -1;
            var board = new Thread(() => exit = BoardCommand.Run(flash, 60, address, TextWriter.Synchronized(output), stop.Token)) { IsBackground = true };
            board.Start();
            WaitFor(() => output.ToString().Contains("listening on"));
            string ota = Path.Combine(folder, "image.ota");
            File.WriteAllBytes(ota, new OtaFileBuilder { FileVersion = 0x01000007 }.UpgradeImage(3000).Build());

            Assert.AreEqual(0, Run("wan", "--connect", address, "--state", folder, "time"));

            // The board samples the connection once a turn: let it see this head-end leave before the next one comes.
            WaitFor(() => output.ToString().Contains("head-end disconnected"));
            Assert.AreEqual(0, Run("wan", "--connect", address, "--state", folder, "device-log", "add", "00-DB-12-34-56-78-90-A4", "PPMID", "1122334455667788 4AF7"));
            Assert.AreEqual(0, Run("wan", "--connect", address, "--state", folder, "send", ota, "--type", "PPMID", "--target", "00-DB-12-34-56-78-90-A4"));
            string big = Write(folder, new OtaFileBuilder { FileVersion = 0x01000008 }.UpgradeImage(768001).Build());
            Assert.AreEqual(2, Run("wan", "--connect", address, "--state", folder, "send", big, "--force", "--type", "PPMID", "--target", "00-DB-12-34-56-78-90-A4"));
            using (var first = new TcpClient())
            using (var second = new TcpClient())
            {
                first.Connect(IPAddress.Loopback, port);
                WaitFor(() => Count(output.ToString(), "head-end connected") >= 5);
                second.Connect(IPAddress.Loopback, port);
                WaitFor(() => output.ToString().Contains("second head-end"));
            }

            stop.Cancel();
            board.Join(10000);
            string text = output.ToString();
            Directory.Delete(folder, true);

            Assert.AreEqual(0, exit, text);
            foreach (string expected in new[]
            {
                "head-end connected", "head-end disconnected", "clock set to 20", "device log: 00-DB-12-34-56-78-90-A4 (PPMID) added",
                "receiving image PPMID 01000007 (", "image PPMID 01000007 (", "stored in the GSME block",
                "image PPMID 01000008 (768063 bytes) refused: ", "a second head-end connected: the hub serves one head-end at a time",
            })
            {
                Assert.IsTrue(text.Contains(expected), "missing '" + expected + "' in:\n" + text);
            }
        }

        private static string Write(string folder, byte[] bytes)
        {
            string path = Path.Combine(folder, "second.ota");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static int Count(string text, string what)
        {
            int n = 0;
            for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
            {
                n++;
            }

            return n;
        }

        private static void WaitFor(Func<bool> condition)
        {
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!condition() && DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }

            Assert.IsTrue(condition(), "timed out waiting");
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static int Run(params string[] args) => CommandLine.Run(args, new StringWriter(), new StringWriter());
    }
}
