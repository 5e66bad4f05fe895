using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CommsHub.Tests.HostTests.Ota;
using CommsHub.VirtualBoard.Capture;
using CommsHub.Zcl;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace CommsHub.Tests.HostTests.Zcl
{
    /// <summary>
    /// Decoders we did not write, reading what the Basic, Time and Keep-Alive servers answer: zigbee-herdsman's ZCL
    /// codec must find in each response what the request asked for and the attribute table holds, and tshark must
    /// dissect every response with a good FCS, nothing malformed and no warning.
    /// </summary>
    [TestClass]
    public class ZclServerOracleTests
    {
        private const long ExpertWarning = 0x00600000;

        [TestMethod]
        public void HerdsmanReadsEveryResponseAsTheServerMeantIt()
        {
            CheckWithHerdsman(ZclServerExchanges.All());
        }

        [TestMethod]
        public void TsharkDissectsEveryResponseWithoutComplaint()
        {
            CheckWithTshark(ZclServerExchanges.All());
        }

        [TestMethod]
        public void TheHerdsmanCheckSaysNoToAWrongValue()
        {
            var exchange = ZclServerExchanges.All().First(e => e.Cluster == 0x0025 && e.Response[2] == ZclGlobalCommand.ReadAttributesResponse);
            byte[] tampered = (byte[])exchange.Response.Clone();
            tampered[7]++; // TCKeepAliveBase's value

            try
            {
                CheckWithHerdsman(new List<ZclExchange> { exchange with { Response = tampered } });
            }
            catch (AssertFailedException rejected)
            {
                Assert.IsTrue(rejected.Message.Contains("attrData"), rejected.Message);
                return;
            }

            Assert.IsTrue(false, "the herdsman check accepted a value the table does not hold");
        }

        internal static void CheckWithHerdsman(List<ZclExchange> exchanges)
        {
            string script = RepoPaths.Of("tools/oracles/zcl-decode.cjs");
            Assert.IsTrue(Directory.Exists(RepoPaths.Of("tools/oracles/node_modules/zigbee-herdsman")),
                "zigbee-herdsman is not installed: run 'npm ci --prefix tools/oracles' (.ci/run does)");
            string input = JsonSerializer.Serialize(exchanges.Select(e => new { cluster = (int)e.Cluster, hex = Convert.ToHexString(e.Response) }));
            using var doc = JsonDocument.Parse(Oracles.Run("node", "\"" + script + "\"", input));
            var decoded = doc.RootElement.EnumerateArray().ToList();
            Assert.AreEqual(exchanges.Count, decoded.Count);
            for (int i = 0; i < exchanges.Count; i++)
            {
                var e = exchanges[i];
                string where = "herdsman, cluster 0x" + e.Cluster.ToString("X4") + ", request " + Convert.ToHexString(e.Request) + ", response " + Convert.ToHexString(e.Response);
                JsonElement d = decoded[i];
                Assert.IsTrue(d.GetProperty("ok").GetBoolean(), where + ": " + (d.TryGetProperty("error", out var err) ? err.GetString() : ""));
                var header = d.GetProperty("header");
                var control = header.GetProperty("frameControl");
                Assert.AreEqual(0, control.GetProperty("frameType").GetInt32(), where + " frame type");
                Assert.AreEqual(1, control.GetProperty("direction").GetInt32(), where + " direction");
                Assert.IsFalse(control.GetProperty("manufacturerSpecific").GetBoolean(), where);
                Assert.AreEqual((int)e.Request[1], header.GetProperty("transactionSequenceNumber").GetInt32(), where + " sequence");
                CompareResponse(e, d.GetProperty("command").GetString(), d.GetProperty("payload"), where);
            }
        }

        private static void CompareResponse(ZclExchange e, string command, JsonElement p, string where)
        {
            byte requestType = (byte)(e.Request[0] & 0x03);
            byte requestCommand = e.Request[2];
            int payloadLength = e.Request.Length - 3;
            byte expectedDefault = requestType == 1 ? ZclStatus.UnsupportedClusterCommand
                : requestCommand is ZclGlobalCommand.ReadAttributes or ZclGlobalCommand.DiscoverAttributes or ZclGlobalCommand.ConfigureReporting ? ZclStatus.MalformedCommand
                : ZclStatus.UnsupportedGeneralCommand;
            bool wellFormed = requestType == 0 && requestCommand switch
            {
                ZclGlobalCommand.ReadAttributes => payloadLength > 0 && payloadLength % 2 == 0,
                ZclGlobalCommand.DiscoverAttributes => payloadLength == 3,
                ZclGlobalCommand.ConfigureReporting => true,
                _ => false,
            };

            if (!wellFormed)
            {
                Assert.AreEqual("defaultRsp", command, where);
                Assert.AreEqual((int)requestCommand, p.GetProperty("cmdId").GetInt32(), where + " cmdId");
                Assert.AreEqual((int)expectedDefault, p.GetProperty("statusCode").GetInt32(), where + " statusCode");
                return;
            }

            switch (requestCommand)
            {
                case ZclGlobalCommand.ReadAttributes:
                {
                    Assert.AreEqual("readRsp", command, where);
                    var records = p.EnumerateArray().ToList();
                    Assert.AreEqual(payloadLength / 2, records.Count, where + " record count");
                    for (int r = 0; r < records.Count; r++)
                    {
                        ushort id = (ushort)(e.Request[3 + (2 * r)] | (e.Request[4 + (2 * r)] << 8));
                        ZclAttribute attribute = e.Table.Find(id);
                        string at = where + " record " + r + " (0x" + id.ToString("X4") + ")";
                        Assert.AreEqual((int)id, records[r].GetProperty("attrId").GetInt32(), at + " attrId");
                        Assert.AreEqual(attribute == null ? (int)ZclStatus.UnsupportedAttribute : 0, records[r].GetProperty("status").GetInt32(), at + " status");
                        if (attribute != null)
                        {
                            Assert.AreEqual((int)attribute.DataType, records[r].GetProperty("dataType").GetInt32(), at + " dataType");
                            CompareValue(attribute, records[r].GetProperty("attrData"), at);
                        }
                    }

                    break;
                }

                case ZclGlobalCommand.DiscoverAttributes:
                {
                    Assert.AreEqual("discoverRsp", command, where);
                    ushort start = (ushort)(e.Request[3] | (e.Request[4] << 8));
                    int maximum = e.Request[5];
                    var expected = Enumerable.Range(0, e.Table.Count).Select(e.Table.At).Where(a => a.Id >= start).ToList();
                    var infos = p.GetProperty("attrInfos").EnumerateArray().ToList();
                    Assert.AreEqual(Math.Min(maximum, expected.Count), infos.Count, where + " attrInfos count");
                    for (int r = 0; r < infos.Count; r++)
                    {
                        Assert.AreEqual((int)expected[r].Id, infos[r].GetProperty("attrId").GetInt32(), where + " attrId");
                        Assert.AreEqual((int)expected[r].DataType, infos[r].GetProperty("dataType").GetInt32(), where + " dataType");
                    }

                    Assert.AreEqual(infos.Count == expected.Count ? 1 : 0, p.GetProperty("discComplete").GetInt32(), where + " discComplete");
                    break;
                }

                case ZclGlobalCommand.ConfigureReporting:
                {
                    Assert.AreEqual("configReportRsp", command, where);
                    var records = p.EnumerateArray().ToList();

                    // The request holds a reported-direction record for the table's first attribute and a received-direction one for 0x0999.
                    ushort first = (ushort)(e.Request[4] | (e.Request[5] << 8));
                    Assert.AreEqual(2, records.Count, where + " record count");
                    Assert.AreEqual((int)ZclStatus.UnreportableAttribute, records[0].GetProperty("status").GetInt32(), where + " status");
                    Assert.AreEqual(0, records[0].GetProperty("direction").GetInt32(), where + " direction");
                    Assert.AreEqual((int)first, records[0].GetProperty("attrId").GetInt32(), where + " attrId");
                    Assert.AreEqual((int)ZclStatus.UnsupportedAttribute, records[1].GetProperty("status").GetInt32(), where + " status");
                    Assert.AreEqual(1, records[1].GetProperty("direction").GetInt32(), where + " direction");
                    Assert.AreEqual(0x0999, records[1].GetProperty("attrId").GetInt32(), where + " attrId");
                    break;
                }

                default:
                    Assert.IsTrue(false, where + ": no expectation for command " + requestCommand);
                    break;
            }
        }

        private static void CompareValue(ZclAttribute attribute, JsonElement value, string where)
        {
            if (attribute.Text != null)
            {
                Assert.AreEqual(System.Text.Encoding.ASCII.GetString(attribute.Text), value.GetString(), where + " attrData");
                return;
            }

            uint expected = attribute.Getter(attribute.Id);

            // Herdsman reads a UTCTime of 0xFFFFFFFF as ZCL's "invalid time" and gives null: the same meaning.
            if (value.ValueKind == JsonValueKind.Null)
            {
                Assert.IsTrue(attribute.DataType == ZclDataType.UtcTime && expected == ZclDataType.InvalidUtcTime, where + " attrData null");
                return;
            }

            long actual = long.Parse(value.ToString());
            long wanted = attribute.DataType == ZclDataType.Int32 ? (int)expected : expected;
            Assert.AreEqual(wanted, actual, where + " attrData");
        }

        private static void CheckWithTshark(List<ZclExchange> exchanges)
        {
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-zcl-oracle-" + Guid.NewGuid() + ".pcap");
            try
            {
                using (var writer = new PcapWriter(File.Create(pcap)))
                {
                    for (int i = 0; i < exchanges.Count; i++)
                    {
                        writer.Write(ZigbeeFrameWrapper.Wrap(exchanges[i].Response, exchanges[i].Cluster, 0x1A62, 0x0000, 0x4F21, (byte)i), TimeSpan.FromMilliseconds(i));
                    }
                }

                string[] fields =
                {
                    "wpan.fcs_ok", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message", "zbee_zcl.cmd.tsn", "zbee_zcl.cmd.id",
                    "zbee_aps.cluster", "zbee_zcl.cmd.id.rsp", "zbee_zcl.attr.status", "zbee_zcl.attr.utc",
                };
                string args = "-r \"" + pcap + "\" -T fields -E separator=/t -E occurrence=a -E aggregator=, " + string.Join(" ", fields.Select(f => "-e " + f));
                string[] lines = Oracles.Run("tshark", args, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.AreEqual(exchanges.Count, lines.Length, "tshark read a different number of frames");
                bool checkedTime = exchanges.All(e => e.Cluster != 0x000A);
                for (int i = 0; i < exchanges.Count; i++)
                {
                    var e = exchanges[i];
                    string[] v = lines[i].TrimEnd('\r').Split('\t');
                    string where = "tshark, frame " + (i + 1) + " cluster 0x" + e.Cluster.ToString("X4") + " " + Convert.ToHexString(e.Response);
                    Assert.AreEqual("1", v[0], where + ": FCS not ok");
                    Assert.AreEqual(string.Empty, v[1], where + ": malformed");
                    foreach (string severity in v[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Assert.IsTrue(long.Parse(severity) < ExpertWarning, where + ": expert info " + v[3]);
                    }

                    Assert.AreEqual(e.Response[1].ToString(), v[4], where + " sequence");
                    Assert.AreEqual("0x" + e.Response[2].ToString("x2"), v[5], where + " command");
                    Assert.AreEqual("0x" + e.Cluster.ToString("x4"), v[6], where + " cluster");

                    // The trusted Time server's Time, LastSetTime and ValidUntilTime as tshark renders UTCTime (seconds since 2000).
                    if (e.Cluster == 0x000A && e.Response[2] == ZclGlobalCommand.ReadAttributesResponse && e.Response.Length > 40 && e.Response[15] == 0x0D)
                    {
                        checkedTime = true;
                        Assert.IsTrue(v[9].StartsWith("Jul 14, 2026 09:30:00", StringComparison.Ordinal), where + " Time read as " + v[9]);
                    }

                    if (e.Response[2] == ZclGlobalCommand.DefaultResponse)
                    {
                        Assert.AreEqual("0x" + e.Response[3].ToString("x2"), v[7], where + " answered command");
                        Assert.AreEqual("0x" + e.Response[4].ToString("x2"), v[8], where + " status");
                    }
                }

                Assert.IsTrue(checkedTime, "no trusted Time read was dissected");
            }
            finally
            {
                File.Delete(pcap);
            }
        }
    }
}
