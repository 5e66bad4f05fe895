using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Ota.Files;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>
    /// Generated OTA files, one per header option and per real-world quirk, each with the exact set of
    /// diagnostic codes the parser must report and whether the file may be served.
    /// </summary>
    [TestClass]
    public class OtaFileParserTests
    {
        public static readonly Dictionary<string, (Func<OtaFileBuilder> Make, bool Servable, string Codes)> Files = new()
        {
            ["plain"] = (() => new OtaFileBuilder().UpgradeImage(1000), true, ""),
            ["hardware-versions"] = (() => new OtaFileBuilder { HardwareVersions = (1, 3) }.UpgradeImage(500), true, ""),
            ["security-credential"] = (() => new OtaFileBuilder { SecurityCredentialVersion = 2 }.UpgradeImage(500), true, "security-credential-version"),
            ["device-specific"] = (() => new OtaFileBuilder { Destination = 0x00DB1234567890A4 }.UpgradeImage(500), true, "device-specific-file"),
            ["all-optional-fields"] = (() => new OtaFileBuilder { SecurityCredentialVersion = 1, Destination = 0x00DB1234567890A4, HardwareVersions = (0, 0xFFFF) }.UpgradeImage(300), true, "device-specific-file,security-credential-version"),
            ["full-header-string"] = (() => new OtaFileBuilder { HeaderString = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" }.UpgradeImage(100), true, ""),
            ["non-ascii-header-string"] = (() => new OtaFileBuilder { HeaderStringBytes = new byte[] { 0x41, 0xC3, 0xA9, 0x42 } }.UpgradeImage(100), true, "header-string-not-ascii"),
            ["gbcs-signed-elements"] = (() => new OtaFileBuilder { HardwareVersions = (1, 1) }.UpgradeImage(800).Element(0x0003, 16).Element(0x0005, 64).Element(0x0006, 74), true, ""),
            ["picture"] = (() => new OtaFileBuilder().UpgradeImage(200).Element(0x0004, 50), true, ""),
            ["vendor-tags"] = (() => new OtaFileBuilder().UpgradeImage(200).Element(0xF001, 20).Element(0xFFFF, 4), true, "manufacturer-sub-element,manufacturer-sub-element"),
            // Telink (LEDVANCE *_MF_DIS.OTA, Sonoff TLSR): 0xF000's length field is 2 less than the space it takes.
            ["telink-f000"] = (() => new OtaFileBuilder().UpgradeImage(400).Element(0xF000, 30, lengthFieldDelta: -2), true, "manufacturer-sub-element,telink-length-off-by-two"),
            ["telink-f000-first"] = (() => new OtaFileBuilder().Element(0xF000, 30, lengthFieldDelta: -2).UpgradeImage(400), true, "manufacturer-sub-element,telink-length-off-by-two"),
            // A zip archive (stored, local file header first) holding an OTA image: said to be an archive.
            ["zip-holding-ota"] = (() => new OtaFileBuilder { Prefix = ZipLocalHeader("image.ota") }.UpgradeImage(256), true, "archive-before-magic"),
            // Develco: 0xF000 with a normal length, last or first.
            ["develco-f000"] = (() => new OtaFileBuilder().UpgradeImage(400).Element(0xF000, 30), true, "manufacturer-sub-element"),
            ["develco-f000-first"] = (() => new OtaFileBuilder().Element(0xF000, 30).UpgradeImage(400), true, "manufacturer-sub-element"),
            ["f000-overruns"] = (() => new OtaFileBuilder().UpgradeImage(400).Element(0xF000, 30, lengthFieldDelta: 2), true, "manufacturer-sub-element,sub-element-overruns"),
            ["two-upgrade-images"] = (() => new OtaFileBuilder().UpgradeImage(100).UpgradeImage(120, seed: 9), true, "several-upgrade-image-elements"),
            ["garbage-length"] = (() => new OtaFileBuilder().Element(0x0000, 100, lengthFieldDelta: 0x7FFF0000), true, "sub-element-overruns"),
            ["no-sub-elements"] = (() => new OtaFileBuilder(), true, ""),
            ["raw-bytes-no-elements"] = (() => new OtaFileBuilder { TotalSizeDelta = 4, Trailer = new byte[] { 1, 2, 3, 4 } }, true, "sub-element-header-truncated,no-sub-elements"),
            ["only-vendor-element"] = (() => new OtaFileBuilder().Element(0xF00A, 64), true, "manufacturer-sub-element,no-upgrade-image-element"),
            ["reserved-tag"] = (() => new OtaFileBuilder().UpgradeImage(64).Element(0x0042, 8), true, "reserved-sub-element"),
            ["trailing-bytes"] = (() => new OtaFileBuilder { Trailer = new byte[37] }.UpgradeImage(256), true, "trailing-bytes"),
            ["prefix-before-magic"] = (() => new OtaFileBuilder { Prefix = new byte[] { 0x4E, 0x4F, 0x54, 0x41, 0x1E, 0xF1, 0x00, 0x0B, 9, 9, 9, 9 } }.UpgradeImage(256), true, "prefix-before-magic"),
            ["extra-header-bytes"] = (() => new OtaFileBuilder { HeaderLengthDelta = 6 }.UpgradeImage(64), true, "header-length-extra"),
            ["reserved-field-control"] = (() => new OtaFileBuilder { ExtraFieldControlBits = 0x0100 }.UpgradeImage(64), true, "field-control-reserved"),
            ["shorter-than-declared"] = (() => new OtaFileBuilder { TruncateTo = 500 }.UpgradeImage(1000), false, "file-shorter-than-declared,sub-element-overruns"),
            ["header-truncated"] = (() => new OtaFileBuilder { TruncateTo = 40 }.UpgradeImage(10), false, "header-truncated"),
            ["optional-fields-truncated"] = (() => new OtaFileBuilder { HardwareVersions = (1, 2), TruncateTo = 58 }, false, "header-truncated"),
            ["bad-header-version"] = (() => new OtaFileBuilder { HeaderVersion = 0x0200 }.UpgradeImage(10), false, "header-version"),
            ["header-length-too-short"] = (() => new OtaFileBuilder { HardwareVersions = (1, 2), HeaderLengthDelta = -4 }.UpgradeImage(10), false, "header-length-too-short"),
            ["total-size-below-header"] = (() => new OtaFileBuilder { TotalSizeDelta = -22 }.UpgradeImage(10), false, "total-size-below-header"),
            ["hardware-range-inverted"] = (() => new OtaFileBuilder { HardwareVersions = (5, 2) }.UpgradeImage(10), false, "hardware-version-range"),
        };

        public static IEnumerable<string> Names => Files.Keys;

        /// <summary>A zip local file header (PK 03 04, version, flags, method 0 = stored, ...) and the file name.</summary>
        private static byte[] ZipLocalHeader(string name)
        {
            var header = new byte[30 + name.Length];
            new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0 }.CopyTo(header, 0);
            header[26] = (byte)name.Length;
            System.Text.Encoding.ASCII.GetBytes(name).CopyTo(header, 30);
            return header;
        }

        [TestMethod]
        [DataRow("plain")]
        [DataRow("hardware-versions")]
        [DataRow("security-credential")]
        [DataRow("device-specific")]
        [DataRow("all-optional-fields")]
        [DataRow("full-header-string")]
        [DataRow("non-ascii-header-string")]
        [DataRow("gbcs-signed-elements")]
        [DataRow("picture")]
        [DataRow("vendor-tags")]
        [DataRow("telink-f000")]
        [DataRow("telink-f000-first")]
        [DataRow("zip-holding-ota")]
        [DataRow("develco-f000")]
        [DataRow("develco-f000-first")]
        [DataRow("f000-overruns")]
        [DataRow("two-upgrade-images")]
        [DataRow("garbage-length")]
        [DataRow("no-sub-elements")]
        [DataRow("raw-bytes-no-elements")]
        [DataRow("only-vendor-element")]
        [DataRow("reserved-tag")]
        [DataRow("trailing-bytes")]
        [DataRow("prefix-before-magic")]
        [DataRow("extra-header-bytes")]
        [DataRow("reserved-field-control")]
        [DataRow("shorter-than-declared")]
        [DataRow("header-truncated")]
        [DataRow("optional-fields-truncated")]
        [DataRow("bad-header-version")]
        [DataRow("header-length-too-short")]
        [DataRow("total-size-below-header")]
        [DataRow("hardware-range-inverted")]
        public void EachGeneratedFileGetsExactlyItsDiagnostics(string name)
        {
            var (make, servable, codes) = Files[name];
            OtaFile file = OtaFileParser.Parse(new ByteArrayImageSource(make().Build()));
            string found = string.Join(",", Enumerable.Range(0, file.DiagnosticCount).Select(i => file.Diagnostic(i).Code).OrderBy(c => c, StringComparer.Ordinal));
            string expected = string.Join(",", codes.Split(',', StringSplitOptions.RemoveEmptyEntries).OrderBy(c => c, StringComparer.Ordinal));

            Assert.AreEqual(expected, found, name + ": " + string.Join(" | ", Enumerable.Range(0, file.DiagnosticCount).Select(i => file.Diagnostic(i).ToString())));
            Assert.AreEqual(servable, file.IsServable, name);
        }

        [TestMethod]
        public void EveryGeneratedFileIsExercised()
        {
            var rows = typeof(OtaFileParserTests).GetMethod(nameof(EachGeneratedFileGetsExactlyItsDiagnostics))
                .GetCustomAttributes(typeof(DataRowAttribute), false).Cast<DataRowAttribute>().Select(r => (string)r.MethodParameters[0]);

            Assert.AreEqual(string.Join(",", Files.Keys.OrderBy(k => k)), string.Join(",", rows.OrderBy(k => k)));
            Assert.IsTrue(Files.Count >= 20, "fewer than 20 generated OTA files");
        }

        [TestMethod]
        public void HeaderFieldsAreReadAsWritten()
        {
            byte[] bytes = new OtaFileBuilder { ManufacturerCode = 0x1037, ImageType = 0x0D01, FileVersion = 0x01020304, StackVersion = 2, HardwareVersions = (0x0010, 0x0020), HeaderString = "GSME image" }
                .UpgradeImage(700).Build();
            OtaFile file = OtaFileParser.Parse(new ByteArrayImageSource(bytes));
            var h = file.Header;

            Assert.AreEqual(0x1037, (int)h.ManufacturerCode);
            Assert.AreEqual(0x0D01, (int)h.ImageType);
            Assert.AreEqual(0x01020304u, h.FileVersion);
            Assert.AreEqual("GSME image", h.HeaderString);
            Assert.AreEqual(60, (int)h.HeaderLength);
            Assert.AreEqual((uint)bytes.Length, h.TotalImageSize);
            Assert.IsTrue(h.AcceptsHardware(0x0010) && h.AcceptsHardware(0x0020));
            Assert.IsFalse(h.AcceptsHardware(0x000F) || h.AcceptsHardware(0x0021));
            Assert.AreEqual(1, file.SubElementCount);
            Assert.AreEqual(700u, file.SubElement(0).Length);
        }

        [TestMethod]
        public void APrefixedFileServesFromTheMagicAndNotThePrefix()
        {
            var builder = new OtaFileBuilder { Prefix = new byte[] { 1, 2, 3, 4, 5, 6, 7 }, Trailer = new byte[] { 0xEE, 0xEE } }.UpgradeImage(90);
            byte[] bytes = builder.Build();
            OtaFile file = OtaFileParser.Parse(new ByteArrayImageSource(bytes));
            byte[] served = new byte[file.Header.TotalImageSize];
            file.ReadImage(0, served, 0, served.Length);

            Assert.AreEqual(7, file.MagicOffset);
            Assert.IsTrue(served.AsSpan().SequenceEqual(bytes.AsSpan(7, served.Length)));
            Assert.AreEqual((byte)0x1E, served[0]);
        }

        [TestMethod]
        public void NotAnOtaFileAtAllIsRefused()
        {
            OtaFile file = OtaFileParser.Parse(new ByteArrayImageSource(new byte[5000]));

            Assert.IsFalse(file.IsServable);
            Assert.IsTrue(file.Has("magic-not-found"));
            Assert.IsNull(file.Header);
        }
    }
}
