using System;
using System.Collections.Generic;
using System.Linq;
using CommsHub.Security;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Crypto;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zigbee
{
    /// <summary>tshark over a whole medium capture (802.15.4 frames with their FCS), with the Zigbee keys in its key table.</summary>
    public static class CaptureOracle
    {
        private const long ExpertWarning = 0x00600000;

        /// <summary>The NWK key, the install-code link key and its key-transport key, as hex.</summary>
        public static string[] Keys(byte[] networkKey, string linkKeyHex)
        {
            byte[] transportKey = new byte[16];
            new KeyedHash(new DotNetAes()).KeyTransportKey(Convert.FromHexString(linkKeyHex), 0, transportKey, 0);
            return new[] { Convert.ToHexString(networkKey), linkKeyHex, Convert.ToHexString(transportKey) };
        }

        /// <summary>
        /// Dissects every frame of <paramref name="pcap"/>; fails on any malformed frame or expert info of warning level
        /// or worse (a wrong MIC or a frame that does not decrypt is one). Returns the requested fields per frame.
        /// </summary>
        public static List<string[]> Tshark(string pcap, IEnumerable<string> keys, params string[] fields)
        {
            string[] all = new[] { "frame.number", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message" }.Concat(fields).ToArray();
            string keyOptions = string.Join(" ", keys.Select((k, i) => "-o \"uat:zigbee_pc_keys:\\\"" + k + "\\\",\\\"Normal\\\",\\\"key" + i + "\\\"\""));
            string args = "-r \"" + pcap + "\" " + keyOptions + " -T fields -E separator=/t -E occurrence=a -E aggregator=, "
                + string.Join(" ", all.Select(f => "-e " + f));
            string output = Oracles.Run("tshark", args, null);
            var result = new List<string[]>();
            var problems = new List<string>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] v = line.TrimEnd('\r').Split('\t');
                if (v[1].Length > 0)
                {
                    problems.Add("frame " + v[0] + ": malformed");
                }

                foreach (string severity in v[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (long.Parse(severity) >= ExpertWarning)
                    {
                        problems.Add("frame " + v[0] + ": " + v[3]);
                        break;
                    }
                }

                result.Add(v.Skip(4).ToArray());
            }

            Assert.AreEqual(0, problems.Count, "tshark: " + string.Join(" | ", problems.Take(10)));
            return result;
        }
    }
}
