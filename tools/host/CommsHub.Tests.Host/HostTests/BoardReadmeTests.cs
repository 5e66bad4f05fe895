using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The flashing steps must name the native mscorlib the pinned CoreLibrary package needs.</summary>
    [TestClass]
    public class BoardReadmeTests
    {
        [TestMethod]
        public void TheReadmeNamesTheNativeMscorlibVersionThePinnedPackageNeeds()
        {
            string native = NativeVersionOf(NanoCompiler.RealMscorlibPath);
            string readme = File.ReadAllText(RepoPaths.Of("boards/esp32-devkitc-mrf24j40/README.md"));

            Assert.IsTrue(native.StartsWith("100."), "unexpected native version " + native);
            Assert.IsTrue(readme.Contains("mscorlib v" + native), "the README does not tell to check for mscorlib v" + native);
            Assert.IsTrue(readme.Contains("--fwversion "), "the README does not pin the firmware version");
        }

        [TestMethod]
        public void TheReadmeWiresTheRadioByTheModulesRealPinout()
        {
            string readme = File.ReadAllText(RepoPaths.Of("boards/esp32-devkitc-mrf24j40/README.md"));

            // MRF24J40MA: 4 INT, 5 SDI, 6 SCK, 7 SDO, 8 CS; 11 is ground.
            Assert.IsTrue(readme.Contains("| 6 SCK |") && readme.Contains("| 8 CS |") && readme.Contains("| 4 INT |") && readme.Contains("1, 11, 12 GND"));
            Assert.IsFalse(readme.Contains("| 11 INT |") || readme.Contains("| 4 SCK |") || readme.Contains("| 6 CS |"));
        }

        private static string NativeVersionOf(string assembly)
        {
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            foreach (CustomAttributeHandle handle in md.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = md.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MethodDefinition)
                {
                    continue;
                }

                TypeDefinition type = md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
                if (md.GetString(type.Name) == "AssemblyNativeVersionAttribute")
                {
                    BlobReader blob = md.GetBlobReader(attribute.Value);
                    blob.ReadUInt16();
                    return blob.ReadSerializedString();
                }
            }

            throw new InvalidDataException(assembly + " has no AssemblyNativeVersion");
        }
    }
}
