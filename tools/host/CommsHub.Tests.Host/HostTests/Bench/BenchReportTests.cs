using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CommsHub.Cli.Bench;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Bench
{
    /// <summary>
    /// The bench report on a short case through the whole stack: what it prints must hang together (no timing targets
    /// here; the report itself says whether the issue's goals are met).
    /// </summary>
    [TestClass]
    public class BenchReportTests
    {
        [TestMethod]
        public void AShortCasePrintsADownloadTimeAboveTheAirtimeOfTheFramesItCounted()
        {
            var figures = BenchReport.Measure("40 KB to one PPMID by Image Block Requests", string.Join("\n",
                "device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1s",
                "at 0 image PPMID version=01000001 size=40k targets=ppmid",
                "run 20m"));
            var o = new StringWriter(CultureInfo.InvariantCulture);
            BenchReport.Print(o, figures);
            string text = o.ToString();

            var d = figures.Devices.Single();
            Assert.AreEqual(40L * 1024, d.Bytes);
            Assert.IsTrue(d.Air.Frames >= 2 * (40 * 1024 / 64), "only " + d.Air.Frames + " frames counted");
            Assert.IsTrue(d.Air.Acknowledgments > 0 && d.Air.Acknowledgments < d.Air.Frames);

            var row = Regex.Match(text, @"^ppmid\s+([\d.]+) s\s+(\d+)\s+(\d+)\s+([\d.]+) s\s+([\d.]+)", RegexOptions.Multiline);
            Assert.IsTrue(row.Success, "no figures row for the PPMID in:\n" + text);
            double download = double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
            long frames = long.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
            double bound = double.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture);
            double ratio = double.Parse(row.Groups[5].Value, CultureInfo.InvariantCulture);
            Assert.AreEqual(d.Air.Frames, frames);
            Assert.IsTrue(frames > 0);
            Assert.IsTrue(bound > 0 && bound < download, "bound " + bound + " s, download " + download + " s");
            Assert.IsTrue(ratio > 1 && System.Math.Abs(ratio - (download / bound)) < 0.02, "ratio " + ratio + " for " + download + " / " + bound);
        }
    }
}
