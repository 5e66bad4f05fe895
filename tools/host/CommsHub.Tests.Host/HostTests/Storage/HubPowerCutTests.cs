using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using CommsHub.Aps;
using CommsHub.Hub;
using CommsHub.Mac;
using CommsHub.Nwk;
using CommsHub.Ota.Server;
using CommsHub.Radio.Mrf24j40;
using CommsHub.Security;
using CommsHub.Storage.W25q;
using CommsHub.Tests.HostTests.Nwk;
using CommsHub.VirtualBoard.Crypto;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using CommsHub.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Storage
{
    /// <summary>
    /// The whole hub firmware on its emulated flash and MRF24J40, a PPMID from the Device Log joined to it once and
    /// downloading an OTA image block by block under NWK security. The hub's flash loses power at a random SPI
    /// transaction (seeded) a thousand times, part-way through whatever operation it lands on; the hub reboots from
    /// that flash each time. The device never associates again: after every reboot its frames must be taken as a
    /// known neighbour's with a fresh counter (never dropped as unknown or replayed), and every other boot its next
    /// block request must be answered before the next cut is armed. Every NWK frame counter the hub ever put on the
    /// air, across all boots, is used once. The same run with the device table wiped at each cut shows the test fail.
    /// </summary>
    [TestClass]
    public class HubPowerCutTests
    {
        private const ulong DeviceEui = 0x00DB123456789A01;
        private const string InstallCodeHex = "83FED3407A939723A5C639B26916D505";
        private const uint ImageVersion = 0x01000002;
        private const int ImageSize = 20000;
        private const byte BlockSize = 48;

        /// <summary>The cut lands within this many flash transactions of where it is armed.</summary>
        private const int CutWindow = 60;

        [TestMethod]
        public void TheHubIsPowerCutAThousandTimesMidDownloadAndTheDeviceCarriesOnWithoutRejoining()
        {
            var run = new CutRun(2026, wipeDeviceTable: false);
            run.Run(1000);
            Console.WriteLine(run.Cuts + " cuts (" + run.CutsInsideWrites + " inside a page program or sector erase), "
                + run.BlocksAnswered + " blocks answered, " + run.HubCountersSeen + " distinct hub NWK frame counters on the air, "
                + run.DeviceTableErases + " device-table sector erases, " + run.AssociationRequests + " association request(s)");
            Assert.AreEqual(0, run.Failures.Count, string.Join("\n", run.Failures.Take(10)));
            Assert.AreEqual(1000, run.Cuts);
            Assert.IsTrue(run.CutsInsideWrites > 300, "only " + run.CutsInsideWrites + " cuts landed inside a flash write or erase");
            Assert.IsTrue(run.BlocksAnswered >= 1000, "only " + run.BlocksAnswered + " blocks answered");
            Assert.AreEqual(1, run.AssociationRequests, "the device associated more than once");
            Assert.IsTrue(run.HubCountersSeen > 1000, run.HubCountersSeen + " hub frame counters seen");
            Assert.IsTrue(run.DeviceTableErases > 0, "the device table never reused a sector");
        }

        [TestMethod]
        public void WithoutTheDeviceTableTheDeviceIsLostAtTheFirstCut()
        {
            var run = new CutRun(2026, wipeDeviceTable: true);
            run.Run(4);
            Assert.IsTrue(run.Failures.Any(f => f.Contains("not answered") && f.Contains("unknown neighbour") && !f.Contains("unknown neighbour 0")), "the run without a device table did not fail: " + string.Join("\n", run.Failures));
        }

        private sealed class CutRun
        {
            private readonly bool _wipe;
            private readonly Random _random;
            private readonly RadioBench _bench;
            private readonly Mrf24j40Emulator _hubChip;
            private readonly NorFlashEmulator _flash = new NorFlashEmulator(0x16);
            private readonly InstructionWatch _bus;
            private readonly EndDeviceMac _device;
            private readonly Mrf24j40 _deviceRadio;
            private readonly byte[] _image;
            private HubFirmware _hub;
            private VirtualClock _hubClock;
            private long _bootAt;
            private bool _alive;
            private long _cutAt = -1;
            private byte[] _nwkKey;
            private uint _counter = 1;
            private uint _offset;
            private int _boot;

            public CutRun(int seed, bool wipeDeviceTable)
            {
                _wipe = wipeDeviceTable;
                _bus = new InstructionWatch(_flash);
                _random = new Random(seed);
                _bench = new RadioBench(seed);
                var (chip, _) = _bench.AddRadio("hub");
                _hubChip = chip;
                var (_, deviceRadio) = _bench.AddRadio("ppmid");
                _deviceRadio = deviceRadio;
                _device = new EndDeviceMac(deviceRadio, _bench.Clock, DeviceEui, sleepy: false);
                _bench.OnMainLoop(() =>
                {
                    if (_alive)
                    {
                        // The hub's own clock (a reboot restarts its monotonic time) follows the medium's.
                        long target = _bench.Clock.MonotonicMilliseconds - _bootAt;
                        if (target > _hubClock.MonotonicMilliseconds)
                        {
                            _hubClock.Advance(TimeSpan.FromMilliseconds(target - _hubClock.MonotonicMilliseconds));
                        }

                        _hub.Poll();
                        _alive = !PowerLost;
                    }
                });
                _bench.OnMainLoop(_device.Process);
                _image = StoreRig.Image(ImageVersion, ImageSize);
            }

            public List<string> Failures { get; } = new();

            public int Cuts { get; private set; }

            public int CutsInsideWrites { get; private set; }

            public int BlocksAnswered { get; private set; }

            public int AssociationRequests { get; private set; }

            public int HubCountersSeen { get; private set; }

            public int DeviceTableErases { get; private set; }

            public bool PowerLost => _bus.Cut;

            public void Run(int cuts)
            {
                BootHub();
                Join();
                while (Cuts < cuts && Failures.Count < 10)
                {
                    // Every other boot the device must be answered before the cut is armed; the others are cut from the start.
                    if (_boot % 2 == 0 && !Exchange("after reboot " + _boot))
                    {
                        break;
                    }

                    Arm();
                    for (int i = 0; i < 400 && _alive; i++)
                    {
                        Exchange(null);
                    }

                    if (_alive)
                    {
                        Failures.Add("boot " + _boot + ": the cut at transaction " + _cutAt + " never came");
                        break;
                    }

                    EndBoot();
                    BootHub();
                }

                CheckCounters();
            }

            private void BootHub()
            {
                while (true)
                {
                    // The hub stays off a moment: whatever its chip had on the air finishes.
                    _alive = false;
                    _bench.Run(TimeSpan.FromMilliseconds(10));
                    _flash.PowerOn();
                    _bus.PowerOn();
                    _cutAt = -1;
                    if (_wipe && _boot > 0)
                    {
                        var raw = new W25qFlash(_flash);
                        raw.Identify();
                        int at = _hub.Layout.NetworkStart + (4 * raw.SectorSize);
                        raw.EraseSector(at);
                        raw.EraseSector(at + raw.SectorSize);
                    }

                    // The radio lost power too: a fresh driver on the same chip, as after a reset; timers of the
                    // hub that died die with its clock.
                    var radio = new Mrf24j40(_hubChip, _hubChip.Interrupt, null);
                    _hubClock = new VirtualClock(_bench.Clock.UtcNow);
                    _bootAt = _bench.Clock.MonotonicMilliseconds;
                    _hub = new HubFirmware(new HubHardware("power-cut test", _bus, _hubClock, new SerialPipe().A) { Entropy = new SeededEntropy(_random.Next()), Radio = radio, Restarter = new Restarter(this) });
                    _boot++;

                    // Some cuts land during the boot itself.
                    if (_boot > 1 && _random.Next(8) == 0)
                    {
                        _cutAt = _random.Next(400);
                        _flash.CutPowerAt(new PowerCut(_cutAt, _random.NextDouble()));
                    }

                    string[] report = Array.Empty<string>();
                    try
                    {
                        report = _hub.Boot();
                    }
                    catch (PowerLossException)
                    {
                    }

                    if (PowerLost)
                    {
                        Cuts++;
                        CutsInsideWrites += _bus.CutInstruction == 0x02 || _bus.CutInstruction == 0x20 ? 1 : 0;
                        continue;
                    }

                    _flash.CutPowerAt(null);
                    _bus.PowerOn();
                    _cutAt = -1;
                    _alive = true;
                    if (_hub.Han == null)
                    {
                        Failures.Add("boot " + _boot + ": the HAN did not start: " + string.Join(" / ", report.Where(l => l.StartsWith("HAN"))));
                    }

                    return;
                }
            }

            private void Join()
            {
                _hub.Store.OnClockSet();
                var begin = _hub.Store.BeginIngest(OtaDeviceKind.Ppmid, ImageVersion, new[] { DeviceEui }, _image.Length, SHA256.HashData(_image));
                _hub.Store.WriteChunk(0, _image, 0, _image.Length);
                Assert.AreEqual(CommsHub.Storage.IngestStatus.Stored, _hub.Store.EndIngest().Status);
                _hub.Wan.DeviceLog.AddOrReplace(new DeviceLogEntry { Device = DeviceEui, Kind = 132, InstallCode = Convert.FromHexString(InstallCodeHex) });
                _hub.Han.TrustCentre.OpenJoining(60);
                _device.Start(_hubChip.ListeningChannel);
                _device.RequestAssociation(_hub.Mac.PanId);
                Assert.IsTrue(_bench.RunUntil(() => _device.ReceivedData.Count == 1, TimeSpan.FromSeconds(2)), "no Transport-Key");
                _nwkKey = TakeNetworkKey(_device.ReceivedData[0]);
                _hub.Han.TrustCentre.CloseJoining();
            }

            /// <summary>One Image Block Request; true when it was answered.</summary>
            private bool Exchange(string mustAnswer)
            {
                // A frame still in its retries (the hub died under it) finishes first.
                _bench.RunUntil(() => !_deviceRadio.IsTransmitting, TimeSpan.FromSeconds(1));
                int before = _device.ReceivedData.Count;
                uint counter = _counter++;
                byte[] zcl = new byte[] { 0x01, (byte)counter, 0x03, 0x00, 0x34, 0x12, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, BlockSize };
                BitConverter.GetBytes(ImageVersion).CopyTo(zcl, 8);
                BitConverter.GetBytes(_offset).CopyTo(zcl, 12);
                byte[] aps = new byte[] { 0x00, 0x01, 0x19, 0x00, 0x09, 0x01, 0x01, (byte)counter }.Concat(zcl).ToArray();
                _device.SendData(TrustCentreJoinTests.SecuredFrom(_nwkKey, _device.ShortAddress, DeviceEui, counter, aps));
                bool answered = _bench.RunUntil(() => _device.ReceivedData.Count > before || !_alive, TimeSpan.FromSeconds(1)) && _device.ReceivedData.Count > before;
                if (!answered)
                {
                    if (mustAnswer != null)
                    {
                        Failures.Add(mustAnswer + ": block request (counter " + counter + ") not answered: NWK "
                            + (_hub.Han == null ? "down" : _hub.Han.Nwk.LastDrop) + "; " + Drops());
                    }

                    return false;
                }

                BlocksAnswered++;
                for (int i = before; i < _device.ReceivedData.Count; i++)
                {
                    AdvanceOffset(_device.ReceivedData[i]);
                }
                return true;
            }

            private void AdvanceOffset(byte[] frame)
            {
                var n = new NwkHeader();
                Assert.IsNull(NwkFrameCodec.Decode(frame, 0, frame.Length, n, SecurityLevel.Zigbee));
                byte[] copy = (byte[])frame.Clone();
                var security = new FrameSecurity(new DotNetAes());
                security.SetKey(_nwkKey, 0);
                Assert.IsNull(security.Unsecure(copy, 0, n.HeaderLength, n.PayloadLength, n.Auxiliary, n.Auxiliary.Source));
                var a = new ApsHeader();
                Assert.IsNull(ApsFrameCodec.Decode(copy, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
                int z = a.PayloadOffset;

                // Image Block Response, SUCCESS: status, manufacturer, type, version, offset, size, data.
                if (copy[z + 2] == 0x05 && copy[z + 3] == 0x00)
                {
                    uint offset = BitConverter.ToUInt32(copy, z + 12);
                    int size = copy[z + 16];
                    if (size == 0 || offset + size > _image.Length || !copy.AsSpan(z + 17, size).SequenceEqual(_image.AsSpan((int)offset, size)))
                    {
                        Failures.Add("boot " + _boot + ": the block at " + offset + " is not the image's");
                    }

                    // A late answer to an earlier request is checked but does not move the download on.
                    if (offset == _offset)
                    {
                        _offset = (uint)((_offset + size) % _image.Length);
                    }
                }
            }

            /// <summary>Half the cuts land on a random transaction; half on one of the next page programs or erases, which are rarer.</summary>
            private void Arm()
            {
                if (_random.Next(2) == 0)
                {
                    _cutAt = _flash.TransactionsSincePowerOn + _random.Next(CutWindow);
                    _flash.CutPowerAt(new PowerCut(_cutAt, _random.NextDouble()));
                }
                else
                {
                    _cutAt = _flash.TransactionsSincePowerOn;
                    _bus.CutAtWrite(1 + _random.Next(3), _random.NextDouble());
                }
            }

            private void EndBoot()
            {
                Cuts++;
                if (_hub.Han != null)
                {
                    DeviceTableErases += _hub.Han.Store.Devices.Erases;
                    // A replay drop alone is no failure: a frame the hub took just before the cut comes again in the
                    // device's MAC retries. The device's new frames are checked by the answers.
                    if (_hub.Han.Nwk.Dropped(NwkDrop.UnknownNeighbour) > 0)
                    {
                        Failures.Add("boot " + _boot + ": the device's frames were dropped as not a neighbour (" + Drops() + ")");
                    }
                }

                if (_bus.CutInstruction == 0x02 || _bus.CutInstruction == 0x20)
                {
                    CutsInsideWrites++;
                }
            }

            private string Drops() => _hub.Han == null ? "" : "dropped: unknown neighbour " + _hub.Han.Nwk.Dropped(NwkDrop.UnknownNeighbour)
                + ", replayed " + _hub.Han.Nwk.Dropped(NwkDrop.Replayed);

            /// <summary>Every secured NWK frame the hub sent, across all boots: a counter value must never carry two different frames.</summary>
            private void CheckCounters()
            {
                var seen = new Dictionary<uint, string>();
                foreach (var f in _bench.Medium.History)
                {
                    byte[] psdu = f.Psdu;
                    int type = psdu[0] & 7;
                    if (type != MacFrameType.Data || psdu.Length <= 11)
                    {
                        continue;
                    }

                    byte[] nwk = psdu.AsSpan(9, psdu.Length - 11).ToArray();
                    var n = new NwkHeader();
                    if (NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee) != null || !n.Security || n.Auxiliary.Source == DeviceEui)
                    {
                        continue;
                    }

                    string hex = Convert.ToHexString(nwk);
                    if (seen.TryGetValue(n.Auxiliary.FrameCounter, out string other))
                    {
                        if (other != hex)
                        {
                            Failures.Add("NWK frame counter " + n.Auxiliary.FrameCounter + " used for two different frames");
                        }

                        continue;
                    }

                    seen[n.Auxiliary.FrameCounter] = hex;
                }

                HubCountersSeen = seen.Count;
                AssociationRequests = _bench.Medium.History.Count(f => IsAssociationRequest(f.Psdu));
            }

            private static bool IsAssociationRequest(byte[] psdu)
            {
                if ((psdu[0] & 7) != MacFrameType.Command)
                {
                    return false;
                }

                var frame = new MacFrame();
                return MacFrameCodec.Decode(psdu, 0, psdu.Length - 2, frame) == null && frame.CommandId == MacCommandId.AssociationRequest;
            }
        }

        /// <summary>A restart the firmware asks for (repeated faults) is a failure here: the cuts must not fault it.</summary>
        private sealed class Restarter : IRestarter
        {
            private readonly CutRun _run;

            public Restarter(CutRun run) => _run = run;

            public void Restart(string reason)
            {
                // After the cut the fault barrier finds the flash gone and asks for a restart, as it should.
                if (!_run.PowerLost)
                {
                    _run.Failures.Add("the hub asked for a restart: " + reason);
                }
            }
        }

        /// <summary>The hub's flash bus, noting the instruction of the latest transaction (the one a cut lands on).</summary>
        private sealed class InstructionWatch : CommsHub.Platform.ISpiBus
        {
            private readonly NorFlashEmulator _chip;

            public InstructionWatch(NorFlashEmulator chip) => _chip = chip;

            /// <summary>The instruction the latest cut landed on (0x02 page program, 0x20 sector erase, ...).</summary>
            public byte CutInstruction { get; private set; }

            private bool _cut;
            private int _writesToCut;
            private double _fraction;

            /// <summary>True once a cut has landed since <see cref="PowerOn"/>.</summary>
            public bool Cut => _cut;

            public void PowerOn()
            {
                _cut = false;
                _writesToCut = 0;
            }

            /// <summary>Cuts the power inside the <paramref name="nth"/> page program or sector erase from now.</summary>
            public void CutAtWrite(int nth, double fraction)
            {
                _writesToCut = nth;
                _fraction = fraction;
            }

            public void TransferFullDuplex(byte[] writeBuffer, byte[] readBuffer, int length)
            {
                if (_writesToCut > 0 && (writeBuffer[0] == 0x02 || writeBuffer[0] == 0x20) && --_writesToCut == 0)
                {
                    _chip.CutPowerAt(new PowerCut(_chip.TransactionsSincePowerOn, _fraction));
                }

                try
                {
                    _chip.TransferFullDuplex(writeBuffer, readBuffer, length);
                }
                catch (PowerLossException)
                {
                    if (!_cut)
                    {
                        _cut = true;
                        CutInstruction = writeBuffer[0];
                    }

                    throw;
                }
            }
        }

        /// <summary>The device's side of a Transport-Key: NWK unsecured, APS under the key-transport key of its install code.</summary>
        private static byte[] TakeNetworkKey(byte[] nwk)
        {
            var n = new NwkHeader();
            Assert.IsNull(NwkFrameCodec.Decode(nwk, 0, nwk.Length, n, SecurityLevel.Zigbee));
            var a = new ApsHeader();
            Assert.IsNull(ApsFrameCodec.Decode(nwk, n.PayloadOffset, n.PayloadLength, a, SecurityLevel.Zigbee));
            var aes = new DotNetAes();
            byte[] linkKey = new byte[16];
            Assert.IsNull(new InstallCode(aes).DeriveFromCode(Convert.FromHexString(InstallCodeHex), 0, 16, linkKey, 0));
            byte[] transportKey = new byte[16];
            new KeyedHash(aes).KeyTransportKey(linkKey, 0, transportKey, 0);
            var security = new FrameSecurity(aes);
            security.SetKey(transportKey, 0);
            byte[] copy = (byte[])nwk.Clone();
            Assert.IsNull(security.Unsecure(copy, n.PayloadOffset, a.HeaderLength, a.PayloadLength, a.Auxiliary, a.Auxiliary.Source));
            var command = new ApsCommand();
            Assert.IsNull(ApsCommandCodec.Decode(copy, a.PayloadOffset, a.PayloadLength, command));
            return command.Key.ToArray();
        }
    }

    /// <summary>The hub's randomness (CSMA backoffs, keys) from the run's seed, so a failing cut replays exactly.</summary>
    internal sealed class SeededEntropy : CommsHub.Platform.IEntropySource
    {
        private readonly Random _random;

        public SeededEntropy(int seed)
        {
            _random = new Random(seed);
        }

        public void Fill(byte[] buffer) => _random.NextBytes(buffer);
    }
}
