using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CommsHub.Cli;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Ota
{
    [TestClass]
    public class OtaInspectCommandTests
    {
        [TestMethod]
        public void AServableFileExitsZeroAndPrintsEveryHeaderField()
        {
            var (exit, output, _) = Inspect(new OtaFileBuilder { HardwareVersions = (1, 2), SecurityCredentialVersion = 3 }.UpgradeImage(400).Element(0xF000, 8).Build());

            Assert.AreEqual(0, exit);
            foreach (string expected in new[] { "servable", "manufacturer code    0x1234", "file version         0x0123ABCD", "hardware versions    0x0001 to 0x0002",
                         "security credential  3", "0x0000 upgrade image", "0xF000 manufacturer specific", "note: security-credential-version" })
            {
                Assert.IsTrue(output.Contains(expected), "missing '" + expected + "' in:\n" + output);
            }
        }

        [TestMethod]
        public void ARefusedFileExitsTwoAndSaysWhy()
        {
            var (exit, output, _) = Inspect(new OtaFileBuilder { TruncateTo = 300 }.UpgradeImage(1000).Build());

            Assert.AreEqual(2, exit);
            Assert.IsTrue(output.Contains("REFUSED") && output.Contains("file-shorter-than-declared"), output);
        }

        [TestMethod]
        public void JsonHasTheDocumentedFieldsForEveryGeneratedFile()
        {
            foreach (var (name, entry) in OtaFileParserTests.Files)
            {
                var (exit, output, _) = Inspect(entry.Make().Build(), "--json");
                using var doc = JsonDocument.Parse(output);
                var root = doc.RootElement;

                Assert.AreEqual(entry.Servable ? 0 : 2, exit, name);
                Assert.AreEqual(entry.Servable, root.GetProperty("servable").GetBoolean(), name);
                foreach (string field in new[] { "file", "fileSize", "magicOffset", "declaredSize", "availableSize", "header", "subElements", "diagnostics" })
                {
                    Assert.IsTrue(root.TryGetProperty(field, out _), name + " lacks " + field);
                }

                var codes = root.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).OrderBy(c => c, StringComparer.Ordinal);
                var expected = entry.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries).OrderBy(c => c, StringComparer.Ordinal);
                Assert.AreEqual(string.Join(",", expected), string.Join(",", codes), name);
                if (root.GetProperty("header").ValueKind == JsonValueKind.Object)
                {
                    Assert.AreEqual("0x1234", root.GetProperty("header").GetProperty("manufacturerCode").GetString(), name);
                }
            }
        }

        [TestMethod]
        public void AMissingFileIsReportedAndExitsTwo()
        {
            var error = new StringWriter();
            int exit = CommandLine.Run(new[] { "ota", "inspect", "/nonexistent/image.ota" }, new StringWriter(), error);

            Assert.AreEqual(2, exit);
            Assert.IsTrue(error.ToString().Contains("cannot read /nonexistent/image.ota"), error.ToString());
        }

        [TestMethod]
        public void UsageErrorsNameTheProblem()
        {
            var error = new StringWriter();

            Assert.AreEqual(64, CommandLine.Run(new[] { "ota", "inspect" }, new StringWriter(), error));
            Assert.IsTrue(error.ToString().Contains("Required argument missing for command: 'inspect'"), error.ToString());
            Assert.AreEqual(64, CommandLine.Run(new[] { "ota", "check", "x" }, new StringWriter(), new StringWriter()));
        }

        private static (int Exit, string Output, string Error) Inspect(byte[] file, string option = null)
        {
            string path = Path.Combine(Path.GetTempPath(), "commshub-inspect-" + Guid.NewGuid() + ".ota");
            File.WriteAllBytes(path, file);
            try
            {
                var output = new StringWriter();
                var error = new StringWriter();
                string[] args = option == null ? new[] { "ota", "inspect", path } : new[] { "ota", "inspect", path, option };
                int exit = CommandLine.Run(args, output, error);
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
