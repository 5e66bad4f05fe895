using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Capture;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Security
{
    /// <summary>
    /// Decoders we did not write for NWK and APS frames and the security primitives: zigbee-on-host's codecs
    /// (tools/oracles/zigbee-frames.cjs) and tshark's Zigbee dissectors with the keys in its key table.
    /// </summary>
    public static class ZigbeeOracle
    {
        private const long ExpertWarning = 0x00600000;

        public static List<JsonElement> ZigbeeOnHost(IEnumerable<object> requests)
        {
            Assert.IsTrue(Directory.Exists(RepoPaths.Of("tools/oracles/node_modules/zigbee-on-host")),
                "zigbee-on-host is not installed: run 'npm ci --prefix tools/oracles' (.ci/run does)");
            string output = Oracles.Run("node", "\"" + RepoPaths.Of("tools/oracles/zigbee-frames.cjs") + "\"", JsonSerializer.Serialize(requests));
            using var doc = JsonDocument.Parse(output);
            return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }

        /// <summary>
        /// Wraps each NWK frame in an 802.15.4 data frame (PAN id compression, short addresses, good FCS), writes a
        /// pcap and has tshark dissect it with <paramref name="keys"/>. Every frame must come out with no malformed
        /// part and no expert info of warning level or worse (a wrong MIC is one); returns the requested fields,
        /// one array per frame.
        /// </summary>
        public static List<string[]> Tshark(IList<byte[]> nwkFrames, IEnumerable<string> keys, params string[] fields)
        {
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-zigbee-" + Guid.NewGuid() + ".pcap");
            try
            {
                using (var writer = new PcapWriter(File.Create(pcap)))
                {
                    for (int i = 0; i < nwkFrames.Count; i++)
                    {
                        writer.Write(MacWrap(nwkFrames[i], (byte)i), TimeSpan.FromMilliseconds(10 * i));
                    }
                }

                string[] all = new[] { "_ws.malformed", "_ws.expert.severity", "_ws.expert.message" }.Concat(fields).ToArray();
                // Each key as -o uat:zigbee_pc_keys:"<32 hex>","Normal","label", quoted for the process argument parser.
                string keyOptions = string.Join(" ", keys.Select((k, i) => "-o \"uat:zigbee_pc_keys:\\\"" + k + "\\\",\\\"Normal\\\",\\\"key" + i + "\\\"\""));
                string args = "-r \"" + pcap + "\" " + keyOptions + " -T fields -E separator=/t -E occurrence=a -E aggregator=, "
                    + string.Join(" ", all.Select(f => "-e " + f));
                string output = Oracles.Run("tshark", args, null);
                string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.AreEqual(nwkFrames.Count, lines.Length, "tshark read a different number of frames: " + output);
                var result = new List<string[]>();
                for (int i = 0; i < lines.Length; i++)
                {
                    string[] v = lines[i].TrimEnd('\r').Split('\t');
                    string where = "tshark, frame " + (i + 1) + " " + Convert.ToHexString(nwkFrames[i]);
                    Assert.AreEqual(string.Empty, v[0], where + ": malformed");
                    foreach (string severity in v[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Assert.IsTrue(long.Parse(severity) < ExpertWarning, where + ": expert info " + v[2]);
                    }

                    result.Add(v.Skip(3).ToArray());
                }

                return result;
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        public static byte[] MacWrap(byte[] nwk, byte sequence)
        {
            byte[] psdu = new byte[9 + nwk.Length + 2];
            psdu[0] = 0x41;
            psdu[1] = 0x88;
            psdu[2] = sequence;
            psdu[3] = 0x34;
            psdu[4] = 0x12;
            psdu[5] = nwk[2];
            psdu[6] = nwk[3];
            psdu[7] = nwk[4];
            psdu[8] = nwk[5];
            nwk.CopyTo(psdu, 9);
            ushort fcs = ZigbeeFrameWrapper.Fcs(psdu.AsSpan(0, psdu.Length - 2));
            psdu[^2] = (byte)fcs;
            psdu[^1] = (byte)(fcs >> 8);
            return psdu;
        }
    }
}
