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
        [DataRow("CommsHub.Zigbee")]
        [DataRow("CommsHub.Firmware")]
        [DataRow("CommsHub.Tests")]
        public void PackageVersionsMatchTheStubsAndTheNfprojHintPaths(string folder)
        {
            var packages = XDocument.Load(RepoPaths.Of(folder + "/packages.config")).Root.Elements("package")
                .ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
            string nfproj = File.ReadAllText(Directory.GetFiles(RepoPaths.Of(folder), "*.nfproj").Single());

            foreach (var package in packages)
            {
                string stub = RepoPaths.Of("tools/nanoframework-stubs/" + package.Key + "/" + package.Key + ".csproj");
                if (File.Exists(stub))
                {
                    string stubVersion = XDocument.Load(stub).Descendants("Version").Single().Value;
                    Assert.AreEqual(package.Value, stubVersion, package.Key + ": packages.config and its reference stub disagree");
                }

                Assert.IsTrue(nfproj.Contains("packages\\" + package.Key + "." + package.Value + "\\"), folder + " nfproj has no HintPath into " + package.Key + "." + package.Value);
            }
        }

        [TestMethod]
        public void DeviceCodeDeclaresNoGenerics()
        {
            // The stubs reject generic library types; this catches generic types and methods we would declare ourselves.
            var offenders = new[] { "CommsHub.Zigbee", "CommsHub.Firmware", "CommsHub.Tests", "boards/esp32-devkitc-mrf24j40" }
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

        private static string[] Compiled(string folder, string project)
        {
            var doc = XDocument.Load(RepoPaths.Of(folder + "/" + project));
            return doc.Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => ((string)e.Attribute("Include")).Replace('\\', '/')).ToArray();
        }
    }
}
