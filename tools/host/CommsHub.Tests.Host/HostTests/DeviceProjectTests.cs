using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The nanoFramework projects must build what the host builds, with the package versions the stubs mirror.</summary>
    [TestClass]
    public class DeviceProjectTests
    {
        [TestMethod]
        [DataRow("CommsHub.Zigbee", "CommsHub.Zigbee.nfproj")]
        [DataRow("CommsHub.Firmware", "CommsHub.Firmware.nfproj")]
        [DataRow("CommsHub.App", "CommsHub.App.nfproj")]
        [DataRow("CommsHub.Tests", "NFUnitTest.nfproj")]
        public void EverySourceFileOfADeviceFolderIsInItsNfproj(string folder, string project)
        {
            string dir = RepoPaths.Of(folder);
            var listed = Compiled(folder, project).Where(p => !p.StartsWith("..")).ToHashSet();
            var onDisk = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
                .Where(p => !p.StartsWith("bin/") && !p.StartsWith("obj/"))
                .ToHashSet();

            string missing = string.Join(", ", onDisk.Except(listed).OrderBy(p => p));
            string stale = string.Join(", ", listed.Except(onDisk).OrderBy(p => p));
            Assert.AreEqual(string.Empty, missing, folder + "/" + project + " does not compile these files (add <Compile Include=...>): " + missing);
            Assert.AreEqual(string.Empty, stale, folder + "/" + project + " lists files that do not exist: " + stale);
        }

        [TestMethod]
        public void TheBoardPinMapIsLinkedIntoTheFirmwareProject()
        {
            var linked = Compiled("CommsHub.Firmware", "CommsHub.Firmware.nfproj").Where(p => p.StartsWith("..")).ToArray();
            var boardFiles = Directory.GetFiles(RepoPaths.Of("boards/esp32-devkitc-mrf24j40"), "*.cs").Select(p => "../boards/esp32-devkitc-mrf24j40/" + Path.GetFileName(p));

            Assert.AreEqual(string.Empty, string.Join(", ", boardFiles.Except(linked)));
        }

        [TestMethod]
        public void TheTestProjectIsNamedForTheDeviceLauncher()
        {
            var doc = XDocument.Load(RepoPaths.Of("CommsHub.Tests/NFUnitTest.nfproj"));

            Assert.AreEqual("NFUnitTest", doc.Descendants().Single(e => e.Name.LocalName == "AssemblyName").Value);
        }

        [TestMethod]
        public void TheOnlyExeIsTheThinAppHoldingMain()
        {
            // nanoFramework runs the Main of an Exe it finds among the deployed assemblies: a test run must deploy none.
            Assert.AreEqual("Exe", Property("CommsHub.App/CommsHub.App.nfproj", "OutputType"));
            Assert.AreEqual("Program.cs", string.Join(", ", Compiled("CommsHub.App", "CommsHub.App.nfproj")));
            Assert.AreEqual("Library", Property("CommsHub.Zigbee/CommsHub.Zigbee.nfproj", "OutputType"));
            Assert.AreEqual("Library", Property("CommsHub.Firmware/CommsHub.Firmware.nfproj", "OutputType"));
            Assert.AreEqual("Library", Property("CommsHub.Tests/NFUnitTest.nfproj", "OutputType"));
        }

        [TestMethod]
        public void TheTestProjectReferencesLibrariesOnlyAndIsATestContainer()
        {
            var doc = XDocument.Load(RepoPaths.Of("CommsHub.Tests/NFUnitTest.nfproj"));
            var referenced = doc.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => ((string)e.Attribute("Include")).Replace('\\', '/').Substring(3)).ToArray();

            Assert.IsTrue(referenced.Length > 0, "NFUnitTest references no project");
            foreach (string project in referenced)
            {
                Assert.AreEqual("Library", Property(project, "OutputType"), project + " is referenced by NFUnitTest but is not a library");
            }

            Assert.IsTrue(doc.Descendants().Any(e => e.Name.LocalName == "ProjectCapability" && (string)e.Attribute("Include") == "TestContainer"), "no TestContainer capability");
            Assert.AreEqual("true", Property("CommsHub.Tests/NFUnitTest.nfproj", "IsTestProject"));
            Assert.AreEqual("UnitTest", Property("CommsHub.Tests/NFUnitTest.nfproj", "TestProjectType"));
            Assert.IsTrue(Property("CommsHub.Tests/NFUnitTest.nfproj", "RunSettingsFilePath").EndsWith("nano.runsettings"));
            Assert.IsTrue(doc.Descendants().Any(e => e.Name.LocalName == "Reference" && (string)e.Attribute("Include") == "nanoFramework.UnitTestLauncher"), "no UnitTestLauncher reference");
        }

        [TestMethod]
        [DataRow("CommsHub.Zigbee")]
        [DataRow("CommsHub.Firmware")]
        [DataRow("CommsHub.App")]
        [DataRow("CommsHub.Tests")]
        public void PackageVersionsMatchTheStubsAndTheNfprojHintPaths(string folder)
        {
            var packages = XDocument.Load(RepoPaths.Of(folder + "/packages.config")).Root.Elements("package")
                .ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
            string nfproj = File.ReadAllText(Directory.GetFiles(RepoPaths.Of(folder), "*.nfproj").Single());

            string coreVersion = XDocument.Load(RepoPaths.Of("tools/nanoframework-stubs/CoreLibrary.props")).Descendants("NanoCoreLibraryVersion").Single().Value;
            foreach (var package in packages)
            {
                string stub = RepoPaths.Of("tools/nanoframework-stubs/" + package.Key + "/" + package.Key + ".csproj");
                if (File.Exists(stub))
                {
                    string stubVersion = XDocument.Load(stub).Descendants("Version").Single().Value;
                    Assert.AreEqual(package.Value, stubVersion, package.Key + ": packages.config and its reference stub disagree");
                }

                if (package.Key == "nanoFramework.CoreLibrary")
                {
                    Assert.AreEqual(package.Value, coreVersion, "packages.config and the mscorlib the API check compiles against disagree");
                }

                Assert.IsTrue(nfproj.Contains("packages\\" + package.Key + "." + package.Value + "\\"), folder + " nfproj has no HintPath into " + package.Key + "." + package.Value);
            }
        }

        /// <summary>
        /// The lib/ files each package ships, from the packages' public sources (their .nuspec and assembly names);
        /// mscorlib is also checked against the package restored here.
        /// </summary>
        private static readonly System.Collections.Generic.Dictionary<string, string[]> Shipped = new()
        {
            ["nanoFramework.CoreLibrary"] = new[] { "mscorlib.dll" },
            ["nanoFramework.System.Device.Spi"] = new[] { "System.Device.Spi.dll" },
            ["nanoFramework.System.Device.Gpio"] = new[] { "System.Device.Gpio.dll" },
            ["nanoFramework.Hardware.Esp32"] = new[] { "nanoFramework.Hardware.Esp32.dll" },
            ["nanoFramework.Runtime.Events"] = new[] { "nanoFramework.Runtime.Events.dll" },
            ["nanoFramework.Runtime.Native"] = new[] { "nanoFramework.Runtime.Native.dll" },
            ["nanoFramework.System.IO.Ports"] = new[] { "System.IO.Ports.dll" },
            ["nanoFramework.System.Text"] = new[] { "nanoFramework.System.Text.dll" },
            ["nanoFramework.System.IO.Streams"] = new[] { "System.IO.Streams.dll" },
            ["nanoFramework.System.Security.Cryptography"] = new[] { "nanoFramework.System.Security.Cryptography.dll" },
            ["nanoFramework.TestFramework"] = new[] { "nanoFramework.TestFramework.dll", "nanoFramework.UnitTestLauncher.exe" },
        };

        [TestMethod]
        [DataRow("CommsHub.Zigbee/CommsHub.Zigbee.nfproj")]
        [DataRow("CommsHub.Firmware/CommsHub.Firmware.nfproj")]
        [DataRow("CommsHub.App/CommsHub.App.nfproj")]
        [DataRow("CommsHub.Tests/NFUnitTest.nfproj")]
        public void EveryHintPathNamesAFileItsPackageShips(string project)
        {
            var hints = XDocument.Load(RepoPaths.Of(project)).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToArray();
            Assert.IsTrue(hints.Length > 0, project + " has no HintPath");
            foreach (string hint in hints)
            {
                var match = System.Text.RegularExpressions.Regex.Match(hint, @"^\.\.\\packages\\(?<id>[A-Za-z0-9.]+?)\.(?<version>\d+\.\d+\.\d+)\\lib\\(?<file>[^\\]+)$");
                Assert.IsTrue(match.Success, project + ": HintPath " + hint + " is not ..\\packages\\<id>.<version>\\lib\\<file>");
                string id = match.Groups["id"].Value;
                Assert.IsTrue(Shipped.ContainsKey(id), project + ": no list of the files " + id + " ships");
                Assert.IsTrue(Shipped[id].Contains(match.Groups["file"].Value), project + ": " + id + " ships " + string.Join(", ", Shipped[id]) + ", not " + match.Groups["file"].Value);
            }
        }

        [TestMethod]
        public void TheShippedListOfCoreLibraryMatchesTheRestoredPackage()
        {
            string lib = Path.GetDirectoryName(NanoCompiler.RealMscorlibPath);
            foreach (string file in Shipped["nanoFramework.CoreLibrary"])
            {
                Assert.IsTrue(File.Exists(Path.Combine(lib, file)), file + " is not in " + lib);
            }
        }

        [TestMethod]
        public void TheHintPathCheckRefusesTheOldSystemTextPath()
        {
            Assert.IsFalse(Shipped["nanoFramework.System.Text"].Contains("System.Text.dll"));
        }

        [TestMethod]
        public void DeviceCodeDeclaresNoGenerics()
        {
            // The stubs reject generic library types; this catches generic types and methods we would declare ourselves.
            var offenders = new[] { "CommsHub.Zigbee", "CommsHub.Firmware", "CommsHub.App", "CommsHub.Tests", "boards/esp32-devkitc-mrf24j40" }
                .SelectMany(NanoCompiler.TreesUnder)
                .SelectMany(GenericUses)
                .ToArray();

            Assert.AreEqual(string.Empty, string.Join(Environment.NewLine, offenders));
        }

        [TestMethod]
        public void TheGenericsScanFindsADeclaredGeneric()
        {
            var tree = NanoCompiler.Tree("Probe.cs", "class Box<T> { T Get<U>() { return default(T); } }");

            Assert.AreEqual(2, GenericUses(tree).Count());
        }

        public static System.Collections.Generic.IEnumerable<string> GenericUses(SyntaxTree tree) =>
            tree.GetRoot().DescendantNodes()
                .Where(n => n is TypeParameterListSyntax || n is TypeArgumentListSyntax)
                .Select(n => tree.FilePath + "(" + (n.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + "): generics are not supported on nanoFramework 1.x: " + n.Parent);

        private static string Property(string project, string name) =>
            XDocument.Load(RepoPaths.Of(project)).Descendants().Single(e => e.Name.LocalName == name).Value;

        private static string[] Compiled(string folder, string project)
        {
            var doc = XDocument.Load(RepoPaths.Of(folder + "/" + project));
            return doc.Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => ((string)e.Attribute("Include")).Replace('\\', '/')).ToArray();
        }
    }
}
