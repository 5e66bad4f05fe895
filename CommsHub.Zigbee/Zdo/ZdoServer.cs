using CommsHub.Aps;
using CommsHub.Mac.Coordinator;
using CommsHub.Nwk;

namespace CommsHub.Zdo
{
    /// <summary>
    /// The hub's ZDO on endpoint 0: takes Device_annce (a child's address is updated), and answers IEEE_addr,
    /// NWK_addr, Node_Desc, Active_EP, Simple_Desc and Match_Desc about the hub and its neighbours, and the management
    /// requests through <see cref="ZdoManagement"/>. Requests that do not decode are counted and dropped; answers reuse
    /// one buffer.
    /// </summary>
    public sealed class ZdoServer
    {
        public const byte ZdoEndpoint = 0;
        public const ushort ZdoProfile = 0x0000;
        public const byte DeviceNotFound = 0x81;
        public const byte NotActive = 0x83;
        public const byte InvalidRequestType = 0x80;

        private readonly ApsLayer _aps;
        private readonly NwkLayer _nwk;
        private readonly ZdoFrame _request = new ZdoFrame();
        private readonly ZdoFrame _response = new ZdoFrame();
        private readonly byte[] _frame = new byte[ApsLayer.HeaderRoom + ApsLayer.MaxPayload + ApsLayer.MicRoom];

        private readonly ZdoManagement _management;

        public ZdoServer(ApsLayer aps, NwkLayer nwk)
            : this(aps, nwk, null)
        {
        }

        /// <summary>With the coordinator MAC, Mgmt_NWK_Update energy scans are answered from its energy detection.</summary>
        public ZdoServer(ApsLayer aps, NwkLayer nwk, CoordinatorMac mac)
        {
            _aps = aps;
            _nwk = nwk;
            _management = new ZdoManagement(nwk, mac);
            _aps.DataIndication += OnApsData;
        }

        public ZdoManagement Management
        {
            get { return _management; }
        }

        public int Announcements { get; private set; }

        public int Answered { get; private set; }

        public int Undecodable { get; private set; }

        public string LastProblem { get; private set; }

        private void OnApsData(ApsHeader header, ushort source, byte[] buffer, int offset, int length)
        {
            if (header.DestinationEndpoint != ZdoEndpoint || header.Profile != ZdoProfile || (header.Cluster & 0x8000) != 0)
            {
                return;
            }

            ushort cluster = header.Cluster;
            switch (cluster)
            {
                case ZdoCluster.DeviceAnnce:
                case ZdoCluster.IeeeAddrReq:
                case ZdoCluster.NwkAddrReq:
                case ZdoCluster.NodeDescReq:
                case ZdoCluster.ActiveEpReq:
                case ZdoCluster.SimpleDescReq:
                case ZdoCluster.MatchDescReq:
                case ZdoCluster.MgmtLqiReq:
                case ZdoCluster.MgmtRtgReq:
                case ZdoCluster.MgmtLeaveReq:
                case ZdoCluster.MgmtPermitJoiningReq:
                case ZdoCluster.MgmtNwkUpdateReq:
                    break;
                default:
                    return;
            }

            string problem = ZdoCodec.Decode(cluster, buffer, offset, length, _request);
            if (problem != null)
            {
                Undecodable++;
                LastProblem = problem;
                return;
            }

            if (cluster == ZdoCluster.DeviceAnnce)
            {
                Announce();
                return;
            }

            ClearResponse();
            bool unicast = header.DeliveryMode == ApsFrameType.Unicast;
            bool reply = ZdoManagement.Handles(cluster) ? _management.Answer(cluster, source, unicast, _request, _response) : Answer(cluster, unicast);
            if (!reply)
            {
                return;
            }

            int at = ApsLayer.HeaderRoom;
            int n = ZdoCodec.Encode((ushort)(cluster | ZdoCluster.Response), _response, _frame, at);
            if (_aps.SendData(source, ZdoEndpoint, (ushort)(cluster | ZdoCluster.Response), ZdoProfile, ZdoEndpoint, _frame, at, n, false) > 0)
            {
                Answered++;
            }
        }

        private void Announce()
        {
            int neighbour = _nwk.Neighbours.IndexOf(_request.Ieee);
            if (neighbour < 0)
            {
                return;
            }

            Announcements++;
            _nwk.Neighbours.Put(_request.Ieee, _request.Address, _nwk.Neighbours.RxOnWhenIdleAt(neighbour));
        }

        private bool Answer(ushort cluster, bool unicast)
        {
            ulong hub = _nwk.HubEui64;
            switch (cluster)
            {
                case ZdoCluster.IeeeAddrReq:
                    return AddressAnswer(_request.Address == 0x0000 ? 0 : _nwk.Neighbours.IndexOfShort(_request.Address), _request.Address == 0x0000, unicast);
                case ZdoCluster.NwkAddrReq:
                    return AddressAnswer(_request.Ieee == hub ? 0 : _nwk.Neighbours.IndexOf(_request.Ieee), _request.Ieee == hub, unicast);
                case ZdoCluster.NodeDescReq:
                    _response.Address = _request.Address;
                    _response.Status = _request.Address == 0x0000 ? ZdoCluster.Success : DeviceNotFound;
                    ZdoDescriptors.NodeDescriptor(_response.NodeDescriptor, 0);
                    return true;
                case ZdoCluster.ActiveEpReq:
                    _response.Address = _request.Address;
                    _response.Status = _request.Address == 0x0000 ? ZdoCluster.Success : DeviceNotFound;
                    _response.Count = _request.Address == 0x0000 ? 1 : 0;
                    _response.List[0] = SmartEnergyEndpoint.Endpoint;
                    return true;
                case ZdoCluster.SimpleDescReq:
                    _response.Address = _request.Address;
                    _response.Status = _request.Address != 0x0000 ? DeviceNotFound
                        : _request.Endpoint != SmartEnergyEndpoint.Endpoint ? NotActive : ZdoCluster.Success;
                    _response.Endpoint = SmartEnergyEndpoint.Endpoint;
                    _response.Profile = SmartEnergyEndpoint.Profile;
                    _response.DeviceId = ZdoDescriptors.SmartEnergyDeviceId;
                    _response.InCount = SmartEnergyEndpoint.ServerClusters.Length;
                    _response.OutCount = 0;
                    System.Array.Copy(SmartEnergyEndpoint.ServerClusters, _response.List, SmartEnergyEndpoint.ServerClusters.Length);
                    return true;
                case ZdoCluster.MatchDescReq:
                    bool match = Matches();
                    _response.Status = ZdoCluster.Success;
                    _response.Address = 0x0000;
                    _response.Count = match ? 1 : 0;
                    _response.List[0] = SmartEnergyEndpoint.Endpoint;

                    // A broadcast that finds nothing is not answered (Zigbee specification 2.4.4.2.7).
                    return match || unicast;
                default:
                    return false;
            }
        }

        private bool AddressAnswer(int neighbour, bool isHub, bool unicast)
        {
            if (_request.RequestType > 1)
            {
                _response.Status = InvalidRequestType;
            }
            else if (isHub)
            {
                _response.Status = ZdoCluster.Success;
                _response.Ieee = _nwk.HubEui64;
                _response.Address = 0x0000;
            }
            else if (neighbour >= 0)
            {
                _response.Status = ZdoCluster.Success;
                _response.Ieee = _nwk.Neighbours.ExtendedAt(neighbour);
                _response.Address = _nwk.Neighbours.ShortAt(neighbour);
            }
            else
            {
                // Broadcast address requests about someone else are for that device to answer.
                if (!unicast)
                {
                    return false;
                }

                _response.Status = DeviceNotFound;
                _response.Ieee = _request.Ieee;
                _response.Address = _request.Address;
            }

            _response.RequestType = 0;
            return true;
        }

        private bool Matches()
        {
            if (_request.Profile != SmartEnergyEndpoint.Profile && _request.Profile != 0xFFFF)
            {
                return false;
            }

            if (_request.Address != 0x0000 && _request.Address < 0xFFFC)
            {
                return false;
            }

            // The endpoint has server clusters only, so only the requested input clusters can match.
            for (int i = 0; i < _request.InCount; i++)
            {
                if (SmartEnergyEndpoint.ServesCluster(_request.List[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private void ClearResponse()
        {
            _response.Sequence = _request.Sequence;
            _response.Status = ZdoCluster.Success;
            _response.Ieee = 0;
            _response.Address = 0;
            _response.RequestType = 0;
            _response.StartIndex = 0;
            _response.Count = 0;
            _response.InCount = 0;
            _response.OutCount = 0;
            _response.TotalEntries = 0;
            _response.TableCount = 0;
            _response.ScanChannels = 0;
        }
    }
}
