using System.IO;
using System.Xml.Linq;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Cli
{
    /// <summary>commshub ships as a .NET tool, and the README says how to install it without losing its quick start.</summary>
    [TestClass]
    public class ToolPackagingTests
    {
        [TestMethod]
        public void TheCliPacksAsATool()
        {
            var project = XDocument.Load(RepoPaths.Of("tools/CommsHub.Cli/CommsHub.Cli.csproj"));
            string Property(string name) => project.Root.Element("PropertyGroup")?.Element(name)?.Value;

            Assert.AreEqual("true", Property("PackAsTool"));
            Assert.AreEqual("commshub", Property("ToolCommandName"));
            Assert.AreEqual("CommsHub.Cli", Property("PackageId"));
        }

        [TestMethod]
        public void TheReadmeInstallsTheToolAndKeepsItsQuickStart()
        {
            string readme = File.ReadAllText(RepoPaths.Of("README.md"));

            foreach (string line in new[]
            {
                "dotnet run --project tools/CommsHub.Cli -- bench\n",
                "dotnet test tools/host/CommsHub.Tests.Host\n",
                "dotnet pack tools/CommsHub.Cli -o artifacts",
                "dotnet tool install --global --add-source artifacts CommsHub.Cli",
                "commshub ota create firmware.bin",
            })
            {
                Assert.IsTrue(readme.Contains(line), "README lacks: " + line);
            }

            Assert.IsFalse(readme.Contains("to come |"), "the layout table still promises something to come");
            Assert.IsTrue(File.ReadAllText(RepoPaths.Of(".gitignore")).Contains(".commshub-headend/"));
        }
    }
}
