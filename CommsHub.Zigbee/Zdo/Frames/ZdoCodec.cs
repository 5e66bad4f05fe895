using CommsHub.Platform;

namespace CommsHub.Zdo
{
    /// <summary>
    /// ZDO frames (Zigbee specification 2.4.3 and 2.4.4), sequence number first, by cluster:
    /// NWK_addr_req (IEEE, request type, start index); IEEE_addr_req (address, request type, start index);
    /// NWK_addr_rsp and IEEE_addr_rsp (status, IEEE, address, [count, start index, associated devices]);
    /// Node/Power/Active_EP_req (address); Simple_Desc_req (address, endpoint);
    /// Node_Desc_rsp (status, address, [13-byte descriptor]); Power_Desc_rsp (status, address, [2 bytes]);
    /// Simple_Desc_rsp (status, address, length, [endpoint, profile, device, version, in and out clusters]);
    /// Active_EP_rsp and Match_Desc_rsp (status, address, count, endpoints);
    /// Match_Desc_req (address, profile, in clusters, out clusters); Device_annce (address, IEEE, capability);
    /// Mgmt_Lqi_req and Mgmt_Rtg_req (start index); their responses (status, total, start, count, 22- or 5-byte
    /// entries); Mgmt_Leave_req (IEEE, flags); Mgmt_Permit_Joining_req (duration, TC significance);
    /// Mgmt_NWK_Update_req (channels, duration, [count | update id, [manager]]); Mgmt_NWK_Update_notify
    /// (status, channels, transmissions, failures, count, energies); Mgmt_Leave_rsp and
    /// Mgmt_Permit_Joining_rsp (status). Pure; decoding names the first wrong field and never throws.
    /// </summary>
    public static class ZdoCodec
    {
        public const int LqiEntryLength = 22;
        public const int RtgEntryLength = 5;

        public static int Encode(ushort cluster, ZdoFrame f, byte[] b, int offset)
        {
            int at = offset;
            b[at++] = f.Sequence;
            switch (cluster)
            {
                case ZdoCluster.NwkAddrReq:
                    at = U64(b, at, f.Ieee);
                    b[at++] = f.RequestType;
                    b[at++] = f.StartIndex;
                    break;
                case ZdoCluster.IeeeAddrReq:
                    at = U16(b, at, f.Address);
                    b[at++] = f.RequestType;
                    b[at++] = f.StartIndex;
                    break;
                case ZdoCluster.NwkAddrReq | ZdoCluster.Response:
                case ZdoCluster.IeeeAddrReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    at = U64(b, at, f.Ieee);
                    at = U16(b, at, f.Address);
                    if (f.RequestType == 1)
                    {
                        b[at++] = (byte)f.Count;
                        if (f.Count > 0)
                        {
                            b[at++] = f.StartIndex;
                            at = List(b, at, f.List, 0, f.Count);
                        }
                    }

                    break;
                case ZdoCluster.NodeDescReq:
                case ZdoCluster.PowerDescReq:
                case ZdoCluster.ActiveEpReq:
                    at = U16(b, at, f.Address);
                    break;
                case ZdoCluster.SimpleDescReq:
                    at = U16(b, at, f.Address);
                    b[at++] = f.Endpoint;
                    break;
                case ZdoCluster.NodeDescReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    at = U16(b, at, f.Address);
                    if (f.Status == ZdoCluster.Success)
                    {
                        System.Array.Copy(f.NodeDescriptor, 0, b, at, ZdoFrame.NodeDescriptorLength);
                        at += ZdoFrame.NodeDescriptorLength;
                    }

                    break;
                case ZdoCluster.PowerDescReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    at = U16(b, at, f.Address);
                    if (f.Status == ZdoCluster.Success)
                    {
                        at = U16(b, at, f.PowerDescriptor);
                    }

                    break;
                case ZdoCluster.SimpleDescReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    at = U16(b, at, f.Address);
                    if (f.Status != ZdoCluster.Success)
                    {
                        b[at++] = 0;
                        break;
                    }

                    b[at++] = (byte)(8 + 2 * (f.InCount + f.OutCount));
                    b[at++] = f.Endpoint;
                    at = U16(b, at, f.Profile);
                    at = U16(b, at, f.DeviceId);
                    b[at++] = (byte)(f.DeviceVersion & 0x0F);
                    at = Clusters(b, at, f);
                    break;
                case ZdoCluster.ActiveEpReq | ZdoCluster.Response:
                case ZdoCluster.MatchDescReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    at = U16(b, at, f.Address);
                    b[at++] = (byte)f.Count;
                    for (int i = 0; i < f.Count; i++)
                    {
                        b[at++] = (byte)f.List[i];
                    }

                    break;
                case ZdoCluster.MatchDescReq:
                    at = U16(b, at, f.Address);
                    at = U16(b, at, f.Profile);
                    at = Clusters(b, at, f);
                    break;
                case ZdoCluster.DeviceAnnce:
                    at = U16(b, at, f.Address);
                    at = U64(b, at, f.Ieee);
                    b[at++] = f.Capability;
                    break;
                case ZdoCluster.MgmtLqiReq:
                case ZdoCluster.MgmtRtgReq:
                    b[at++] = f.StartIndex;
                    break;
                case ZdoCluster.MgmtLqiReq | ZdoCluster.Response:
                case ZdoCluster.MgmtRtgReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    b[at++] = f.TotalEntries;
                    b[at++] = f.StartIndex;
                    b[at++] = (byte)f.TableCount;
                    int bytes = f.TableCount * (cluster == (ZdoCluster.MgmtLqiReq | ZdoCluster.Response) ? LqiEntryLength : RtgEntryLength);
                    System.Array.Copy(f.Table, 0, b, at, bytes);
                    at += bytes;
                    break;
                case ZdoCluster.MgmtLeaveReq:
                    at = U64(b, at, f.Ieee);
                    b[at++] = f.Capability;
                    break;
                case ZdoCluster.MgmtPermitJoiningReq:
                    b[at++] = f.PermitDuration;
                    b[at++] = f.TcSignificance;
                    break;
                case ZdoCluster.MgmtLeaveReq | ZdoCluster.Response:
                case ZdoCluster.MgmtPermitJoiningReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    break;
                case ZdoCluster.MgmtNwkUpdateReq:
                    LittleEndian.PutU32(b, at, f.ScanChannels);
                    at += 4;
                    b[at++] = f.ScanDuration;
                    if (f.ScanDuration <= 5)
                    {
                        b[at++] = f.ScanCount;
                    }
                    else if (f.ScanDuration == 0xFE || f.ScanDuration == 0xFF)
                    {
                        b[at++] = f.UpdateId;
                        if (f.ScanDuration == 0xFF)
                        {
                            at = U16(b, at, f.ManagerAddress);
                        }
                    }

                    break;
                case ZdoCluster.MgmtNwkUpdateReq | ZdoCluster.Response:
                    b[at++] = f.Status;
                    LittleEndian.PutU32(b, at, f.ScanChannels);
                    at += 4;
                    at = U16(b, at, f.TotalTransmissions);
                    at = U16(b, at, f.TransmissionFailures);
                    b[at++] = (byte)f.TableCount;
                    System.Array.Copy(f.Table, 0, b, at, f.TableCount);
                    at += f.TableCount;
                    break;
                default:
                    throw new System.ArgumentException("ZDO cluster not encoded here");
            }

            return at - offset;
        }

        /// <summary>Decodes the ZDO frame of <paramref name="cluster"/>; null, or the first field that is wrong.</summary>
        public static string Decode(ushort cluster, byte[] b, int offset, int length, ZdoFrame f)
        {
            if (b == null || offset < 0 || length < 0 || offset + length > b.Length)
            {
                return "ZDO frame: bounds outside the buffer";
            }

            int end = offset + length;
            if (length < 1)
            {
                return "ZDO sequence number missing";
            }

            f.Sequence = b[offset];
            int at = offset + 1;
            f.Count = f.InCount = f.OutCount = f.TableCount = 0;
            switch (cluster)
            {
                case ZdoCluster.NwkAddrReq:
                    if (at + 10 > end)
                    {
                        return "NWK_addr_req truncated";
                    }

                    f.Ieee = LittleEndian.U64(b, at);
                    f.RequestType = b[at + 8];
                    f.StartIndex = b[at + 9];
                    return null;
                case ZdoCluster.IeeeAddrReq:
                    if (at + 4 > end)
                    {
                        return "IEEE_addr_req truncated";
                    }

                    f.Address = LittleEndian.U16(b, at);
                    f.RequestType = b[at + 2];
                    f.StartIndex = b[at + 3];
                    return null;
                case ZdoCluster.NwkAddrReq | ZdoCluster.Response:
                case ZdoCluster.IeeeAddrReq | ZdoCluster.Response:
                    if (at + 11 > end)
                    {
                        return "address response truncated before the remote device's addresses end";
                    }

                    f.Status = b[at];
                    f.Ieee = LittleEndian.U64(b, at + 1);
                    f.Address = LittleEndian.U16(b, at + 9);
                    at += 11;
                    f.RequestType = 0;
                    if (at < end)
                    {
                        f.RequestType = 1;
                        f.Count = b[at++];
                        if (f.Count > ZdoFrame.MaxList)
                        {
                            return "address response associated device count exceeds what the hub keeps";
                        }

                        if (f.Count > 0)
                        {
                            if (at + 1 + 2 * f.Count > end)
                            {
                                return "address response associated device list truncated";
                            }

                            f.StartIndex = b[at++];
                            at = ReadList(b, at, f.List, 0, f.Count);
                        }
                    }

                    return null;
                case ZdoCluster.NodeDescReq:
                case ZdoCluster.PowerDescReq:
                case ZdoCluster.ActiveEpReq:
                    if (at + 2 > end)
                    {
                        return "descriptor request address truncated";
                    }

                    f.Address = LittleEndian.U16(b, at);
                    return null;
                case ZdoCluster.SimpleDescReq:
                    if (at + 3 > end)
                    {
                        return "Simple_Desc_req truncated";
                    }

                    f.Address = LittleEndian.U16(b, at);
                    f.Endpoint = b[at + 2];
                    return null;
                case ZdoCluster.NodeDescReq | ZdoCluster.Response:
                    if (at + 3 > end)
                    {
                        return "Node_Desc_rsp truncated before the descriptor";
                    }

                    f.Status = b[at];
                    f.Address = LittleEndian.U16(b, at + 1);
                    at += 3;
                    if (f.Status == ZdoCluster.Success)
                    {
                        if (at + ZdoFrame.NodeDescriptorLength > end)
                        {
                            return "Node_Desc_rsp node descriptor truncated";
                        }

                        System.Array.Copy(b, at, f.NodeDescriptor, 0, ZdoFrame.NodeDescriptorLength);
                    }

                    return null;
                case ZdoCluster.PowerDescReq | ZdoCluster.Response:
                    if (at + 3 > end)
                    {
                        return "Power_Desc_rsp truncated before the descriptor";
                    }

                    f.Status = b[at];
                    f.Address = LittleEndian.U16(b, at + 1);
                    at += 3;
                    if (f.Status == ZdoCluster.Success)
                    {
                        if (at + 2 > end)
                        {
                            return "Power_Desc_rsp power descriptor truncated";
                        }

                        f.PowerDescriptor = LittleEndian.U16(b, at);
                    }

                    return null;
                case ZdoCluster.SimpleDescReq | ZdoCluster.Response:
                    if (at + 4 > end)
                    {
                        return "Simple_Desc_rsp truncated before the descriptor length";
                    }

                    f.Status = b[at];
                    f.Address = LittleEndian.U16(b, at + 1);
                    int descriptorLength = b[at + 3];
                    at += 4;
                    if (descriptorLength == 0)
                    {
                        return f.Status == ZdoCluster.Success ? "Simple_Desc_rsp success with an empty descriptor" : null;
                    }

                    if (at + descriptorLength > end)
                    {
                        return "Simple_Desc_rsp simple descriptor truncated";
                    }

                    if (descriptorLength < 8)
                    {
                        return "Simple_Desc_rsp descriptor length too short";
                    }

                    f.Endpoint = b[at];
                    f.Profile = LittleEndian.U16(b, at + 1);
                    f.DeviceId = LittleEndian.U16(b, at + 3);
                    f.DeviceVersion = (byte)(b[at + 5] & 0x0F);
                    string problem = ReadClusters(b, at + 6, at + descriptorLength, f, "Simple_Desc_rsp");
                    if (problem == null && 8 + 2 * (f.InCount + f.OutCount) != descriptorLength)
                    {
                        return "Simple_Desc_rsp descriptor length disagrees with its cluster lists";
                    }

                    return problem;
                case ZdoCluster.ActiveEpReq | ZdoCluster.Response:
                case ZdoCluster.MatchDescReq | ZdoCluster.Response:
                    if (at + 4 > end)
                    {
                        return "endpoint response truncated before the endpoint count";
                    }

                    f.Status = b[at];
                    f.Address = LittleEndian.U16(b, at + 1);
                    f.Count = b[at + 3];
                    at += 4;
                    if (f.Count > ZdoFrame.MaxList)
                    {
                        return "endpoint response endpoint count exceeds what the hub keeps";
                    }

                    if (at + f.Count > end)
                    {
                        return "endpoint response endpoint list truncated";
                    }

                    for (int i = 0; i < f.Count; i++)
                    {
                        f.List[i] = b[at + i];
                    }

                    return null;
                case ZdoCluster.MatchDescReq:
                    if (at + 4 > end)
                    {
                        return "Match_Desc_req truncated before its cluster lists";
                    }

                    f.Address = LittleEndian.U16(b, at);
                    f.Profile = LittleEndian.U16(b, at + 2);
                    return ReadClusters(b, at + 4, end, f, "Match_Desc_req");
                case ZdoCluster.DeviceAnnce:
                    if (at + 11 > end)
                    {
                        return "Device_annce truncated";
                    }

                    f.Address = LittleEndian.U16(b, at);
                    f.Ieee = LittleEndian.U64(b, at + 2);
                    f.Capability = b[at + 10];
                    return null;
                case ZdoCluster.MgmtLqiReq:
                case ZdoCluster.MgmtRtgReq:
                    if (at + 1 > end)
                    {
                        return "management request start index missing";
                    }

                    f.StartIndex = b[at];
                    return null;
                case ZdoCluster.MgmtLqiReq | ZdoCluster.Response:
                case ZdoCluster.MgmtRtgReq | ZdoCluster.Response:
                    if (at + 1 > end)
                    {
                        return "management response status missing";
                    }

                    f.Status = b[at];
                    if (f.Status != ZdoCluster.Success)
                    {
                        return null;
                    }

                    if (at + 4 > end)
                    {
                        return "management response truncated before its list";
                    }

                    f.TotalEntries = b[at + 1];
                    f.StartIndex = b[at + 2];
                    f.TableCount = b[at + 3];
                    at += 4;
                    int entry = cluster == (ZdoCluster.MgmtLqiReq | ZdoCluster.Response) ? LqiEntryLength : RtgEntryLength;
                    if (f.TableCount * entry > ZdoFrame.MaxTable)
                    {
                        return "management response list count exceeds what the hub keeps";
                    }

                    if (at + f.TableCount * entry > end)
                    {
                        return "management response list truncated";
                    }

                    System.Array.Copy(b, at, f.Table, 0, f.TableCount * entry);
                    return null;
                case ZdoCluster.MgmtLeaveReq:
                    if (at + 9 > end)
                    {
                        return "Mgmt_Leave_req truncated";
                    }

                    f.Ieee = LittleEndian.U64(b, at);
                    f.Capability = b[at + 8];
                    return null;
                case ZdoCluster.MgmtPermitJoiningReq:
                    if (at + 2 > end)
                    {
                        return "Mgmt_Permit_Joining_req truncated";
                    }

                    f.PermitDuration = b[at];
                    f.TcSignificance = b[at + 1];
                    return null;
                case ZdoCluster.MgmtLeaveReq | ZdoCluster.Response:
                case ZdoCluster.MgmtPermitJoiningReq | ZdoCluster.Response:
                    if (at + 1 > end)
                    {
                        return "management response status missing";
                    }

                    f.Status = b[at];
                    return null;
                case ZdoCluster.MgmtNwkUpdateReq:
                    if (at + 5 > end)
                    {
                        return "Mgmt_NWK_Update_req truncated before the scan duration";
                    }

                    f.ScanChannels = LittleEndian.U32(b, at);
                    f.ScanDuration = b[at + 4];
                    at += 5;
                    if (f.ScanDuration <= 5)
                    {
                        if (at + 1 > end)
                        {
                            return "Mgmt_NWK_Update_req scan count missing";
                        }

                        f.ScanCount = b[at];
                    }
                    else if (f.ScanDuration == 0xFE || f.ScanDuration == 0xFF)
                    {
                        if (at + (f.ScanDuration == 0xFF ? 3 : 1) > end)
                        {
                            return "Mgmt_NWK_Update_req update id or manager address truncated";
                        }

                        f.UpdateId = b[at];
                        if (f.ScanDuration == 0xFF)
                        {
                            f.ManagerAddress = LittleEndian.U16(b, at + 1);
                        }
                    }
                    else
                    {
                        return "Mgmt_NWK_Update_req scan duration is reserved";
                    }

                    return null;
                case ZdoCluster.MgmtNwkUpdateReq | ZdoCluster.Response:
                    if (at + 10 > end)
                    {
                        return "Mgmt_NWK_Update_notify truncated before its energy list";
                    }

                    f.Status = b[at];
                    f.ScanChannels = LittleEndian.U32(b, at + 1);
                    f.TotalTransmissions = LittleEndian.U16(b, at + 5);
                    f.TransmissionFailures = LittleEndian.U16(b, at + 7);
                    f.TableCount = b[at + 9];
                    at += 10;
                    if (f.TableCount > ZdoFrame.MaxTable)
                    {
                        return "Mgmt_NWK_Update_notify energy count exceeds what the hub keeps";
                    }

                    if (at + f.TableCount > end)
                    {
                        return "Mgmt_NWK_Update_notify energy list truncated";
                    }

                    System.Array.Copy(b, at, f.Table, 0, f.TableCount);
                    return null;
                default:
                    return "ZDO cluster not handled by the hub";
            }
        }

        private static int Clusters(byte[] b, int at, ZdoFrame f)
        {
            b[at++] = (byte)f.InCount;
            at = List(b, at, f.List, 0, f.InCount);
            b[at++] = (byte)f.OutCount;
            return List(b, at, f.List, f.InCount, f.OutCount);
        }

        private static string ReadClusters(byte[] b, int at, int end, ZdoFrame f, string what)
        {
            if (at + 1 > end)
            {
                return what + " input cluster count missing";
            }

            f.InCount = b[at++];
            if (at + 2 * f.InCount + 1 > end)
            {
                return what + " input cluster list or output cluster count truncated";
            }

            if (f.InCount > ZdoFrame.MaxList)
            {
                return what + " input cluster count exceeds what the hub keeps";
            }

            at = ReadList(b, at, f.List, 0, f.InCount);
            f.OutCount = b[at++];
            if (f.InCount + f.OutCount > ZdoFrame.MaxList)
            {
                return what + " output cluster count exceeds what the hub keeps";
            }

            if (at + 2 * f.OutCount > end)
            {
                return what + " output cluster list truncated";
            }

            ReadList(b, at, f.List, f.InCount, f.OutCount);
            return null;
        }

        private static int List(byte[] b, int at, ushort[] list, int first, int count)
        {
            for (int i = 0; i < count; i++)
            {
                at = U16(b, at, list[first + i]);
            }

            return at;
        }

        private static int ReadList(byte[] b, int at, ushort[] list, int first, int count)
        {
            for (int i = 0; i < count; i++)
            {
                list[first + i] = LittleEndian.U16(b, at);
                at += 2;
            }

            return at;
        }

        private static int U16(byte[] b, int at, ushort value)
        {
            LittleEndian.PutU16(b, at, value);
            return at + 2;
        }

        private static int U64(byte[] b, int at, ulong value)
        {
            LittleEndian.PutU64(b, at, value);
            return at + 8;
        }
    }
}
