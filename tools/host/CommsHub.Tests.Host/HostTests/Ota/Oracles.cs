using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CommsHub.VirtualBoard.Capture;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>
    /// Decoders we did not write, reading what the OTA server sent: zigbee-herdsman's ZCL codec must see the
    /// same field values as the frame's bytes hold, and tshark must dissect every frame down to the OTA cluster
    /// with a good FCS, nothing malformed and no warning.
    /// </summary>
    public static class Oracles
    {
        private const long ExpertWarning = 0x00600000;

        public static void Check(IEnumerable<SentFrame> sent)
        {
            var frames = sent.Select(f => f.Bytes).ToList();
            if (frames.Count == 0)
            {
                return;
            }

            CheckWithHerdsman(frames);
            CheckWithTshark(frames);
        }

        private static void CheckWithHerdsman(List<byte[]> frames)
        {
            string script = RepoPaths.Of("tools/oracles/zcl-decode.cjs");
            Assert.IsTrue(Directory.Exists(RepoPaths.Of("tools/oracles/node_modules/zigbee-herdsman")),
                "zigbee-herdsman is not installed: run 'npm ci --prefix tools/oracles' (.ci/run does)");
            string input = JsonSerializer.Serialize(frames.Select(f => new { cluster = 0x0019, hex = Convert.ToHexString(f) }));
            string output = Run("node", "\"" + script + "\"", input);
            using var doc = JsonDocument.Parse(output);
            var decoded = doc.RootElement.EnumerateArray().ToList();
            Assert.AreEqual(frames.Count, decoded.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                string where = "herdsman, frame " + Convert.ToHexString(frames[i]);
                JsonElement d = decoded[i];
                Assert.IsTrue(d.GetProperty("ok").GetBoolean(), where + ": " + (d.TryGetProperty("error", out var e) ? e.GetString() : ""));
                var header = d.GetProperty("header");
                var control = header.GetProperty("frameControl");
                byte fc = frames[i][0];
                Assert.AreEqual(fc & 0x03, control.GetProperty("frameType").GetInt32(), where + " frame type");
                Assert.AreEqual((fc >> 3) & 1, control.GetProperty("direction").GetInt32(), where + " direction");
                Assert.AreEqual((fc & 0x10) != 0, control.GetProperty("disableDefaultResponse").GetBoolean(), where + " disable default response");
                Assert.IsFalse(control.GetProperty("manufacturerSpecific").GetBoolean(), where);
                Assert.AreEqual((int)frames[i][1], header.GetProperty("transactionSequenceNumber").GetInt32(), where + " sequence");
                Assert.AreEqual((int)frames[i][2], header.GetProperty("commandIdentifier").GetInt32(), where + " command");
                ComparePayload(new ServerFrame(frames[i]), d.GetProperty("command").GetString(), d.GetProperty("payload"), where);
            }
        }

        private static void ComparePayload(ServerFrame f, string command, JsonElement p, string where)
        {
            void Field(string name, long expected)
            {
                JsonElement value = p.GetProperty(name);

                // Herdsman reads a UTC field of 0xFFFFFFFF as ZCL's "invalid time" and returns null: for upgradeTime that
                // sentinel is exactly the OTA meaning, "wait for a later command".
                if (value.ValueKind == JsonValueKind.Null && expected == 0xFFFFFFFF && name == "upgradeTime")
                {
                    return;
                }

                Assert.AreEqual(expected, long.Parse(value.ToString()), where + " " + name);
            }

            if ((f.FrameControl & 0x03) == 0)
            {
                Assert.AreEqual("defaultRsp", command, where);
                Field("cmdId", f.AnsweredCommand);
                Field("statusCode", f.Status);
                return;
            }

            switch (f.Command)
            {
                case 0x00:
                    Assert.AreEqual("imageNotify", command, where);
                    Field("payloadType", f.PayloadType);
                    Field("queryJitter", f.Jitter);
                    Field("manufacturerCode", f.Mfr);
                    Field("imageType", f.Type);
                    Field("fileVersion", f.Version);
                    break;
                case 0x02:
                    Assert.AreEqual("queryNextImageResponse", command, where);
                    Field("status", f.Status);
                    if (f.Status == 0)
                    {
                        Field("manufacturerCode", f.Mfr);
                        Field("imageType", f.Type);
                        Field("fileVersion", f.Version);
                        Field("imageSize", f.Size);
                    }

                    break;
                case 0x05:
                    Assert.AreEqual("imageBlockResponse", command, where);
                    Field("status", f.Status);
                    if (f.Status == 0x00)
                    {
                        Field("manufacturerCode", f.Mfr);
                        Field("imageType", f.Type);
                        Field("fileVersion", f.Version);
                        Field("fileOffset", f.Offset);
                        Field("dataSize", f.Data.Length);
                        var data = p.GetProperty("data").GetProperty("data").EnumerateArray().Select(x => (byte)x.GetInt32()).ToArray();
                        Assert.IsTrue(data.AsSpan().SequenceEqual(f.Data), where + " data");
                    }
                    else if (f.Status == 0x97)
                    {
                        Field("currentTime", f.CurrentTime);
                        Field("requestTime", f.RequestTime);
                        Field("minimumBlockPeriod", f.MinimumBlockPeriod);
                    }

                    break;
                case 0x07:
                    Assert.AreEqual("upgradeEndResponse", command, where);
                    Field("manufacturerCode", f.Mfr);
                    Field("imageType", f.Type);
                    Field("fileVersion", f.Version);
                    Field("currentTime", f.CurrentTime);
                    Field("upgradeTime", f.UpgradeTime);
                    break;
                default:
                    Assert.IsTrue(false, where + ": the server sent command " + f.Command.ToString("X2") + " which no test expects");
                    break;
            }
        }

        private static void CheckWithTshark(List<byte[]> frames)
        {
            string pcap = Path.Combine(Path.GetTempPath(), "commshub-oracle-" + Guid.NewGuid() + ".pcap");
            try
            {
                using (var writer = new PcapWriter(File.Create(pcap)))
                {
                    for (int i = 0; i < frames.Count; i++)
                    {
                        writer.Write(ZigbeeFrameWrapper.Wrap(frames[i], 0x0019, 0x1A62, 0x0000, 0x4F21, (byte)i), TimeSpan.FromMilliseconds(i));
                    }
                }

                string[] fields =
                {
                    "wpan.fcs_ok", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message", "zbee_zcl.cmd.tsn",
                    "zbee_zcl_general.ota.cmd.srv_tx.id", "zbee_zcl.cmd.id", "zbee_zcl.cmd.id.rsp", "zbee_zcl.attr.status",
                    "zbee_zcl_general.ota.status", "zbee_zcl_general.ota.file.offset", "zbee_zcl_general.ota.data_size",
                    "zbee_zcl_general.ota.image.size", "zbee_zcl_general.ota.file.version",
                };
                string args = "-r \"" + pcap + "\" -T fields -E separator=/t -E occurrence=a " + string.Join(" ", fields.Select(f => "-e " + f));
                string[] lines = Run("tshark", args, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.AreEqual(frames.Count, lines.Length, "tshark read a different number of frames");
                for (int i = 0; i < frames.Count; i++)
                {
                    string[] v = lines[i].TrimEnd('\r').Split('\t');
                    var f = new ServerFrame(frames[i]);
                    string where = "tshark, frame " + (i + 1) + " " + Convert.ToHexString(frames[i]);
                    Assert.AreEqual("1", v[0], where + ": FCS not ok");
                    Assert.AreEqual(string.Empty, v[1], where + ": malformed");
                    foreach (string severity in v[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Assert.IsTrue(long.Parse(severity) < ExpertWarning, where + ": expert info " + v[3]);
                    }

                    Assert.AreEqual(f.Sequence.ToString(), v[4], where + " sequence");
                    if ((f.FrameControl & 0x03) == 0)
                    {
                        Assert.AreEqual("0x0b", v[6], where + " command");
                        Assert.AreEqual("0x" + f.AnsweredCommand.ToString("x2"), v[7], where + " answered command");
                        Assert.AreEqual("0x" + f.Status.ToString("x2"), v[8], where + " status");
                        continue;
                    }

                    Assert.AreEqual("0x" + f.Command.ToString("x2"), v[5], where + " OTA command");
                    if (f.Command == 0x02 || f.Command == 0x05)
                    {
                        Assert.AreEqual("0x" + f.Status.ToString("x2"), v[9], where + " status");
                    }

                    if (f.Command == 0x05 && f.Status == 0)
                    {
                        Assert.AreEqual(f.Offset.ToString(), v[10], where + " file offset");
                        Assert.AreEqual(f.Data.Length.ToString(), v[11], where + " data size");
                    }

                    if (f.Command == 0x02 && f.Status == 0)
                    {
                        Assert.AreEqual(f.Size.ToString(), v[12], where + " image size");
                        Assert.AreEqual("0x" + f.Version.ToString("x8"), v[13], where + " file version");
                    }
                }
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        internal static string Run(string program, string arguments, string stdin)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                RedirectStandardInput = stdin != null,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new AssertFailedException(program + " could not be started (" + e.Message + "): install it (.ci/run does: Debian packages nodejs, npm and tshark)");
            }

            using (process)
            {
                if (stdin != null)
                {
                    process.StandardInput.Write(stdin);
                    process.StandardInput.Close();
                }

                var error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new AssertFailedException(program + " failed with exit code " + process.ExitCode + ": " + error.Result);
                }

                return output;
            }
        }
    }
}
