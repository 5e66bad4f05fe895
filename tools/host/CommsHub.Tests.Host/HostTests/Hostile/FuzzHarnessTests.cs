using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommsHub.Cli;
using CommsHub.Cli.Fuzz;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>
    /// The in-project fuzzer: every target with a small fixed budget (the long run is `commshub fuzz all --inputs
    /// 1000000`), and proof that the harness finds, shrinks and reports a planted bug.
    /// </summary>
    [TestClass]
    public class FuzzHarnessTests
    {
        private const int Budget = 800;

        [TestMethod]
        public void EveryTargetSurvivesASmallFixedBudget()
        {
            var problems = new List<string>();
            foreach (var target in FuzzTargets.All)
            {
                var result = FuzzEngine.Run(target, Budget, 20261201);
                Assert.AreEqual((long)Budget, result.Inputs, target.Name);
                foreach (var f in result.Failures)
                {
                    problems.Add(target.Name + ": " + f.Detail.Replace('\n', ' ') + " input " + Convert.ToHexString(f.Shrunk));
                }
            }

            Assert.AreEqual(0, problems.Count, string.Join(" | ", problems));
        }

        [TestMethod]
        public void TheTargetListCoversEveryKindOfInputFromOutside()
        {
            var names = FuzzTargets.All.Select(t => t.Name).ToList();
            foreach (string wanted in new[] { "mac", "beacon", "zcl-ota", "ota-file", "cobs", "link-frame", "wan-message", "gbcs", "signer-key", "metadata", "nwk", "aps", "zdo", "key-establishment", "zcl-attributes", "scenario", "mac-radio", "wan-link", "wan-service", "ota-server", "han-stack" })
            {
                Assert.IsTrue(names.Contains(wanted), wanted + " is not a fuzz target");
            }

            Assert.AreEqual(names.Count, names.Distinct().Count(), "target names are unique");
        }

        [TestMethod]
        public void APlantedBugIsFoundShrunkAndWrittenAndTheCommandFails()
        {
            // A decoder that indexes past its input when the second byte is a length of 0xFF.
            var planted = FuzzTarget.Decoder("planted", "a decoder with a bug", () => new List<byte[]> { new byte[] { 0x10, 0x03, 0x01, 0x02, 0x03 } }, b =>
            {
                if (b.Length > 1 && b[1] == 0xFF)
                {
                    _ = b[2 + b[1]];
                }
            });
            var result = FuzzEngine.Run(planted, 5000, 3);
            Assert.AreEqual(1, result.Failures.Count, "the planted bug was not found");
            var failure = result.Failures[0];
            Assert.IsTrue(failure.Signature.StartsWith("IndexOutOfRangeException"), failure.Signature);
            Assert.IsTrue(failure.Reproducible);
            Assert.AreEqual(2, failure.Shrunk.Length, "shrunk to the two bytes that matter: " + Convert.ToHexString(failure.Shrunk));
            Assert.AreEqual(0xFF, (int)failure.Shrunk[1]);

            string dir = Path.Combine(Path.GetTempPath(), "commshub-fuzz-" + Guid.NewGuid().ToString("N"));
            var output = new StringWriter();
            try
            {
                Assert.AreEqual(0, FuzzCommand.Run("beacon", 300, 1, dir, output), output.ToString());
                Assert.IsTrue(output.ToString().Contains("No failures."), output.ToString());
                Assert.IsFalse(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any());
                Assert.AreEqual(CommandLine.UsageError, CommandLine.Run(new[] { "fuzz", "no-such-target" }, new StringWriter(), new StringWriter()));
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }
    }
}
