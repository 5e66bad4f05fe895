using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CommsHub.VirtualBoard.Han
{
    /// <summary>
    /// The keys of a HAN capture in the form of Wireshark's Zigbee key table (the <c>zigbee_pc_keys</c> UAT): one line a
    /// key, <c>"KEY","Normal","label"</c>, the key as 32 hex digits in transmission order. Wireshark imports the file
    /// into Preferences, Protocols, ZigBee, Pre-configured Keys; tshark takes each line as <c>-o uat:zigbee_pc_keys:LINE</c>.
    /// </summary>
    public static class WiresharkKeys
    {
        /// <summary>Where the keys of capture <paramref name="pcapPath"/> go: beside it, same name, ".zigbee_pc_keys".</summary>
        public static string PathFor(string pcapPath) => Path.ChangeExtension(pcapPath, ".zigbee_pc_keys");

        /// <summary>The table's lines, each key once (the first label wins).</summary>
        public static List<string> Lines(IEnumerable<(byte[] Key, string Label)> keys)
        {
            var seen = new HashSet<string>();
            var lines = new List<string>();
            foreach (var (key, label) in keys)
            {
                if (key == null || key.Length != 16)
                {
                    continue;
                }

                string hex = Convert.ToHexString(key);
                if (seen.Add(hex))
                {
                    lines.Add("\"" + hex + "\",\"Normal\",\"" + label.Replace("\"", "'") + "\"");
                }
            }

            return lines;
        }

        public static void Write(string path, IEnumerable<(byte[] Key, string Label)> keys) => File.WriteAllLines(path, Lines(keys));

        /// <summary>The tshark command line that opens <paramref name="pcapPath"/> with the keys in <paramref name="keysPath"/> (POSIX shell quoting).</summary>
        public static string TsharkCommand(string pcapPath, string keysPath) =>
            "tshark -r " + Quote(pcapPath) + " " + string.Join(" ", File.ReadAllLines(keysPath).Where(l => l.Length > 0).Select(l => "-o " + Quote("uat:zigbee_pc_keys:" + l)));

        private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
    }
}
