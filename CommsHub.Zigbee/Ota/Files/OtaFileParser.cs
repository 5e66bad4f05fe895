using CommsHub.Platform;

namespace CommsHub.Ota.Files
{
    /// <summary>
    /// Validates a Zigbee OTA file as stored, reading only small pieces at a time. Tolerant where real
    /// manufacturer files are odd (vendor prefixes, vendor tags, Telink's 0xF000 length, trailing bytes,
    /// no sub-elements) and strict where serving would be unsafe (a file shorter than its declared size,
    /// a header that contradicts itself). Every finding is a diagnostic with a stable code.
    /// </summary>
    public static class OtaFileParser
    {
        /// <summary>How far into a file to look for the magic number when a vendor container wraps it.</summary>
        public const int MaximumPrefix = 4096;

        private const int SubElementHeader = 6;
        private const ushort TelinkTag = 0xF000;

        public static OtaFile Parse(IImageSource source)
        {
            OtaFile file = new OtaFile(source);
            byte[] scratch = new byte[OtaHeader.FixedLength + 13];
            int magicAt = FindMagic(source, scratch);
            if (magicAt < 0)
            {
                file.Add(OtaSeverity.Error, "magic-not-found", "No OTA magic number 1E F1 EE 0B in the first "
                    + (source.Length < MaximumPrefix ? source.Length : MaximumPrefix).ToString() + " bytes: not a Zigbee OTA file");
                return file;
            }

            file.MagicOffset = magicAt;
            file.AvailableSize = source.Length - magicAt;
            string archive = magicAt > 0 ? ArchiveKind(source, scratch, magicAt) : null;
            if (archive != null)
            {
                file.Add(OtaSeverity.Warning, "archive-before-magic", "The file is " + archive + " that holds an OTA image at byte "
                    + magicAt.ToString() + ", not a vendor container: extract the image; only the bytes from the magic are served");
            }
            else if (magicAt > 0)
            {
                file.Add(OtaSeverity.Warning, "prefix-before-magic", magicAt.ToString() + " bytes precede the OTA magic (vendor container); they are not served");
            }

            if (file.AvailableSize < OtaHeader.FixedLength)
            {
                file.Add(OtaSeverity.Error, "header-truncated", "The file ends " + file.AvailableSize.ToString()
                    + " bytes after the magic, inside the 56-byte OTA header");
                return file;
            }

            OtaHeader header = ReadHeader(source, magicAt, file, scratch);
            if (header == null)
            {
                return file;
            }

            file.Header = header;
            CheckSizes(file, header);
            if (header.TotalImageSize > header.HeaderLength && file.AvailableSize >= header.HeaderLength)
            {
                WalkSubElements(file, header, scratch);
            }

            return file;
        }

        /// <summary>"a zip archive", "a gzip file" or "a tar archive" when the file starts as one; null otherwise.</summary>
        private static string ArchiveKind(IImageSource source, byte[] scratch, int magicAt)
        {
            source.Read(0, scratch, 0, 4);
            if (magicAt >= 4 && scratch[0] == 0x50 && scratch[1] == 0x4B && scratch[2] == 0x03 && scratch[3] == 0x04)
            {
                return "a zip archive";
            }

            if (magicAt >= 2 && scratch[0] == 0x1F && scratch[1] == 0x8B)
            {
                return "a gzip file";
            }

            if (magicAt >= 262)
            {
                source.Read(257, scratch, 0, 5);
                if (scratch[0] == 0x75 && scratch[1] == 0x73 && scratch[2] == 0x74 && scratch[3] == 0x61 && scratch[4] == 0x72)
                {
                    return "a tar archive";
                }
            }

            return null;
        }

        private static int FindMagic(IImageSource source, byte[] scratch)
        {
            int limit = source.Length < MaximumPrefix + 4 ? source.Length : MaximumPrefix + 4;
            int matched = 0;
            byte[] magic = new byte[] { 0x1E, 0xF1, 0xEE, 0x0B };
            for (int offset = 0; offset < limit; offset += scratch.Length)
            {
                int count = limit - offset < scratch.Length ? limit - offset : scratch.Length;
                source.Read(offset, scratch, 0, count);
                for (int i = 0; i < count; i++)
                {
                    matched = scratch[i] == magic[matched] ? matched + 1 : (scratch[i] == magic[0] ? 1 : 0);
                    if (matched == 4)
                    {
                        return offset + i - 3;
                    }
                }
            }

            return -1;
        }

        private static OtaHeader ReadHeader(IImageSource source, int at, OtaFile file, byte[] b)
        {
            int available = file.AvailableSize < b.Length ? file.AvailableSize : b.Length;
            source.Read(at, b, 0, available);
            OtaHeader h = new OtaHeader();
            h.HeaderVersion = LittleEndian.U16(b, 4);
            h.HeaderLength = LittleEndian.U16(b, 6);
            h.FieldControl = LittleEndian.U16(b, 8);
            h.ManufacturerCode = LittleEndian.U16(b, 10);
            h.ImageType = LittleEndian.U16(b, 12);
            h.FileVersion = LittleEndian.U32(b, 14);
            h.ZigbeeStackVersion = LittleEndian.U16(b, 18);
            h.HeaderString = HeaderString(b, 20, file);
            h.TotalImageSize = LittleEndian.U32(b, 52);

            if (h.HeaderVersion != OtaHeader.SupportedHeaderVersion)
            {
                file.Add(OtaSeverity.Error, "header-version", "Header version 0x" + Hex.Format(h.HeaderVersion, 4)
                    + " is not the 0x0100 every Zigbee OTA client understands");
                return null;
            }

            if ((h.FieldControl & 0xFFF8) != 0)
            {
                file.Add(OtaSeverity.Warning, "field-control-reserved", "Header field control 0x" + Hex.Format(h.FieldControl, 4)
                    + " sets reserved bits; they are ignored");
            }

            int implied = h.ImpliedLength;
            if (h.HeaderLength < implied)
            {
                file.Add(OtaSeverity.Error, "header-length-too-short", "Header length " + h.HeaderLength.ToString()
                    + " is less than the " + implied.ToString() + " bytes its field control 0x" + Hex.Format(h.FieldControl, 4) + " announces");
                return null;
            }

            if (h.HeaderLength > implied)
            {
                file.Add(OtaSeverity.Warning, "header-length-extra", "Header length " + h.HeaderLength.ToString() + " is "
                    + (h.HeaderLength - implied).ToString() + " bytes more than its fields need; the extra bytes are served but not interpreted");
            }

            if (available < implied)
            {
                file.Add(OtaSeverity.Error, "header-truncated", "The file ends inside the OTA header's optional fields ("
                    + available.ToString() + " of " + implied.ToString() + " bytes)");
                return null;
            }

            int next = OtaHeader.FixedLength;
            if (h.HasSecurityCredentialVersion)
            {
                h.SecurityCredentialVersion = b[next++];
                file.Add(OtaSeverity.Note, "security-credential-version", "Security credential version " + h.SecurityCredentialVersion.ToString() + " is present");
            }

            if (h.HasUpgradeFileDestination)
            {
                ulong destination = 0;
                for (int i = 7; i >= 0; i--)
                {
                    destination = (destination << 8) | b[next + i];
                }

                h.UpgradeFileDestination = destination;
                next += 8;
                file.Add(OtaSeverity.Note, "device-specific-file", "Device-specific file for " + Eui64.FromValue(destination).ToString());
            }

            if (h.HasHardwareVersions)
            {
                h.MinimumHardwareVersion = LittleEndian.U16(b, next);
                h.MaximumHardwareVersion = LittleEndian.U16(b, next + 2);
                if (h.MinimumHardwareVersion > h.MaximumHardwareVersion)
                {
                    file.Add(OtaSeverity.Error, "hardware-version-range", "Minimum hardware version 0x" + Hex.Format(h.MinimumHardwareVersion, 4)
                        + " is above the maximum 0x" + Hex.Format(h.MaximumHardwareVersion, 4) + ": no device could take this image");
                }
            }

            return h;
        }

        private static void CheckSizes(OtaFile file, OtaHeader h)
        {
            if (h.TotalImageSize < h.HeaderLength)
            {
                file.Add(OtaSeverity.Error, "total-size-below-header", "Total image size " + h.TotalImageSize.ToString()
                    + " is smaller than the header length " + h.HeaderLength.ToString());
                return;
            }

            if ((uint)file.AvailableSize < h.TotalImageSize)
            {
                file.Add(OtaSeverity.Error, "file-shorter-than-declared", "The header declares " + h.TotalImageSize.ToString()
                    + " bytes but only " + file.AvailableSize.ToString() + " are present: the image is incomplete");
            }
            else if ((uint)file.AvailableSize > h.TotalImageSize)
            {
                file.Add(OtaSeverity.Warning, "trailing-bytes", (file.AvailableSize - (int)h.TotalImageSize).ToString()
                    + " bytes follow the declared total size " + h.TotalImageSize.ToString() + "; exactly the declared size is served");
            }
        }

        private static void WalkSubElements(OtaFile file, OtaHeader h, byte[] b)
        {
            int end = (int)h.TotalImageSize;
            if ((uint)file.AvailableSize < h.TotalImageSize)
            {
                end = file.AvailableSize;
            }

            int at = h.HeaderLength;
            int upgradeImages = 0;
            while (at < end)
            {
                if (end - at < SubElementHeader)
                {
                    file.Add(OtaSeverity.Warning, "sub-element-header-truncated", (end - at).ToString()
                        + " bytes remain at offset " + at.ToString() + ", too few for a sub-element tag and length");
                    break;
                }

                file.ReadImage(at, b, 0, SubElementHeader);
                ushort tag = LittleEndian.U16(b, 0);
                uint length = LittleEndian.U32(b, 2);
                file.AddSubElement(new OtaSubElement(tag, at, length));
                if (tag == OtaSubElement.UpgradeImage)
                {
                    upgradeImages++;
                }
                else if (tag >= OtaSubElement.ManufacturerSpecificFirst)
                {
                    file.Add(OtaSeverity.Note, "manufacturer-sub-element", "Manufacturer-specific sub-element 0x" + Hex.Format(tag, 4)
                        + " (" + length.ToString() + " bytes) at offset " + at.ToString());
                }
                else if (tag > OtaSubElement.EcdsaCertificateSuite2)
                {
                    file.Add(OtaSeverity.Warning, "reserved-sub-element", "Sub-element tag 0x" + Hex.Format(tag, 4)
                        + " at offset " + at.ToString() + " is reserved by the Zigbee specification");
                }

                long elementEnd = (long)at + SubElementHeader + length;
                if (tag == TelinkTag && !FitsNext(file, b, elementEnd, end) && FitsNext(file, b, elementEnd + 2, end))
                {
                    // Telink's 0xF000 does not count its two info bytes: it takes 2 more than its length says.
                    // Develco's 0xF000 has a normal length and lands on the next element or the end as written.
                    file.Add(OtaSeverity.Warning, "telink-length-off-by-two", "Sub-element 0xF000 at offset " + at.ToString()
                        + " takes 2 bytes more than its length field says (a known Telink quirk); served as is");
                    elementEnd += 2;
                }

                if (elementEnd > end)
                {
                    file.Add(OtaSeverity.Warning, "sub-element-overruns", "Sub-element 0x" + Hex.Format(tag, 4) + " at offset " + at.ToString()
                        + " claims " + length.ToString() + " bytes, " + (elementEnd - end).ToString() + " past the end of the image; the walk stops there");
                    break;
                }

                at = (int)elementEnd;
            }

            if (file.SubElementCount == 0)
            {
                file.Add(OtaSeverity.Warning, "no-sub-elements", "Nothing follows the header but " + (end - h.HeaderLength).ToString()
                    + " bytes that do not form a sub-element");
            }
            else if (upgradeImages == 0)
            {
                file.Add(OtaSeverity.Warning, "no-upgrade-image-element", "No upgrade image (tag 0x0000) sub-element; the client decides what to do with the bytes");
            }
            else if (upgradeImages > 1)
            {
                file.Add(OtaSeverity.Warning, "several-upgrade-image-elements", upgradeImages.ToString() + " upgrade image (tag 0x0000) sub-elements in one file");
            }
        }

        /// <summary>
        /// Whether a sub-element walk may continue at <paramref name="next"/>: it is the end of the image, or a
        /// sub-element header with a defined or manufacturer tag whose length fits. Reads into <paramref name="b"/>.
        /// </summary>
        private static bool FitsNext(OtaFile file, byte[] b, long next, int end)
        {
            if (next == end)
            {
                return true;
            }

            if (next > end - SubElementHeader)
            {
                return false;
            }

            file.ReadImage((int)next, b, 0, SubElementHeader);
            ushort tag = LittleEndian.U16(b, 0);
            uint length = LittleEndian.U32(b, 2);
            bool known = tag <= OtaSubElement.EcdsaCertificateSuite2 || tag >= OtaSubElement.ManufacturerSpecificFirst;
            return known && next + SubElementHeader + length <= end;
        }

        private static string HeaderString(byte[] b, int at, OtaFile file)
        {
            int length = 0;
            while (length < 32 && b[at + length] != 0)
            {
                length++;
            }

            char[] text = new char[length];
            bool printable = true;
            for (int i = 0; i < length; i++)
            {
                byte c = b[at + i];
                printable &= c >= 0x20 && c < 0x7F;
                text[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
            }

            if (!printable)
            {
                file.Add(OtaSeverity.Note, "header-string-not-ascii", "The header string holds bytes outside printable ASCII; shown as '?'");
            }

            return new string(text);
        }

    }
}
