using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;
using CommsHub.Platform;

namespace CommsHub.Zdo
{
    /// <summary>
    /// The hub's answers to the ZDO management requests: Mgmt_Lqi (its neighbours), Mgmt_Rtg (its routing table, empty
    /// while the NWK layer exposes none), Mgmt_Leave (<see cref="MgmtLeavePolicy"/>), Mgmt_Permit_Joining
    /// (<see cref="PermitJoiningPolicy"/>) and Mgmt_NWK_Update (energy scan answered; channel change per
    /// <see cref="ChannelChangePolicy"/>). Fills a response holder; sends nothing itself.
    /// </summary>
    public sealed class ZdoManagement
    {
        public const byte NotAuthorized = 0x8D;
        public const byte NotSupported = 0x84;
        public const byte InvalidRequestType = 0x80;

        /// <summary>Mgmt_Lqi_rsp neighbour entries per answer: three 22-byte entries fit the APS payload.</summary>
        public const int LqiEntriesPerAnswer = 3;

        private const int Channels = 0x07FFF800;

        private readonly NwkLayer _nwk;
        private readonly CoordinatorMac _mac;
        private readonly int[] _energy = new int[27];

        /// <summary><paramref name="mac"/> may be null: energy scans are then NOT_SUPPORTED.</summary>
        public ZdoManagement(NwkLayer nwk, CoordinatorMac mac)
        {
            _nwk = nwk;
            _mac = mac;
        }

        public int LeavesRefused { get; private set; }

        public int PermitJoiningRefused { get; private set; }

        public int ChannelChangesRefused { get; private set; }

        public int EnergyScans { get; private set; }

        /// <summary>True for the management clusters this class answers.</summary>
        public static bool Handles(ushort cluster)
        {
            return cluster == ZdoCluster.MgmtLqiReq || cluster == ZdoCluster.MgmtRtgReq || cluster == ZdoCluster.MgmtLeaveReq
                || cluster == ZdoCluster.MgmtPermitJoiningReq || cluster == ZdoCluster.MgmtNwkUpdateReq;
        }

        /// <summary>Fills <paramref name="response"/>; false when the request gets no answer.</summary>
        public bool Answer(ushort cluster, ushort source, bool unicast, ZdoFrame request, ZdoFrame response)
        {
            switch (cluster)
            {
                case ZdoCluster.MgmtLqiReq:
                    Neighbours(request.StartIndex, response);
                    return unicast;
                case ZdoCluster.MgmtRtgReq:
                    // No routing table is exposed yet: an empty table is a valid answer.
                    response.Status = 0x00;
                    response.TotalEntries = 0;
                    response.StartIndex = request.StartIndex;
                    response.TableCount = 0;
                    return unicast;
                case ZdoCluster.MgmtLeaveReq:
                    if (!MgmtLeavePolicy.Allowed(source))
                    {
                        LeavesRefused++;
                        response.Status = NotAuthorized;
                        return unicast;
                    }

                    response.Status = NotSupported;
                    return unicast;
                case ZdoCluster.MgmtPermitJoiningReq:
                    if (!PermitJoiningPolicy.Allowed(source))
                    {
                        PermitJoiningRefused++;
                        response.Status = NotAuthorized;
                    }

                    return unicast;
                case ZdoCluster.MgmtNwkUpdateReq:
                    return NetworkUpdate(request, response) && unicast;
                default:
                    return false;
            }
        }

        private void Neighbours(byte start, ZdoFrame response)
        {
            NeighbourTable table = _nwk.Neighbours;
            int total = 0;
            int written = 0;
            for (int i = 0; i < table.Capacity; i++)
            {
                if (!InUse(table, i))
                {
                    continue;
                }

                if (total >= start && written < LqiEntriesPerAnswer)
                {
                    WriteLqiEntry(table, i, response.Table, written * ZdoCodec.LqiEntryLength);
                    written++;
                }

                total++;
            }

            response.Status = 0x00;
            response.TotalEntries = (byte)total;
            response.StartIndex = start;
            response.TableCount = written;
        }

        private void WriteLqiEntry(NeighbourTable table, int i, byte[] b, int at)
        {
            LittleEndian.PutU64(b, at, _nwk.Network.ExtendedPanId);
            LittleEndian.PutU64(b, at + 8, table.ExtendedAt(i));
            LittleEndian.PutU16(b, at + 16, table.ShortAt(i));

            // Device type end device (2): the hub's neighbours today are the MAC children that associated to it;
            // receiver on when idle (bits 2-3); relationship child (bits 4-6).
            b[at + 18] = (byte)(0x02 | ((table.RxOnWhenIdleAt(i) ? 1 : 0) << 2) | (0x01 << 4));
            b[at + 19] = 0x02;  // permit joining: unknown (an end device accepts no joins)
            b[at + 20] = 1;     // depth: one hop below the coordinator
            b[at + 21] = 0;     // LQI: not measured per neighbour yet
        }

        /// <summary>A slot is in use when looking its address up finds that very slot (stale slots keep old addresses).</summary>
        private static bool InUse(NeighbourTable table, int i)
        {
            return table.IndexOf(table.ExtendedAt(i)) == i;
        }

        private bool NetworkUpdate(ZdoFrame request, ZdoFrame response)
        {
            if (request.ScanDuration == 0xFE || request.ScanDuration == 0xFF)
            {
                ChannelChangesRefused++;
                return ChannelChangePolicy.HonourChannelChange;
            }

            response.ScanChannels = request.ScanChannels;
            response.TotalTransmissions = 0;
            response.TransmissionFailures = 0;
            response.TableCount = 0;
            int mask = (int)(request.ScanChannels & Channels);
            if (_mac == null)
            {
                response.Status = NotSupported;
                return true;
            }

            if (mask == 0 || request.ScanCount > ChannelChangePolicy.MaxScanCount)
            {
                response.Status = InvalidRequestType;
                return true;
            }

            int scans = request.ScanCount == 0 ? 1 : request.ScanCount;
            for (int c = 0; c < _energy.Length; c++)
            {
                _energy[c] = 0;
            }

            _mac.EnergyScan(mask, scans * ChannelChangePolicy.SamplesPerScan, _energy);
            EnergyScans++;
            int n = 0;
            for (int channel = 11; channel <= 26; channel++)
            {
                if ((mask & (1 << channel)) != 0)
                {
                    response.Table[n++] = (byte)_energy[channel];
                }
            }

            response.Status = 0x00;
            response.ScanChannels = (uint)mask;
            response.TableCount = n;
            return true;
        }
    }
}
