using CommsHub.Platform;

namespace CommsHub.Nwk
{
    /// <summary>
    /// NWK command payloads (Zigbee specification 3.4), command identifier first:
    /// route request (options, request id, destination, path cost, [destination IEEE]);
    /// route reply (options, request id, originator, responder, path cost, [originator IEEE], [responder IEEE]);
    /// network status (status, destination); leave (options); route record (count, relays);
    /// rejoin request (capability); rejoin response (address, status);
    /// link status (options with count, then address and link status byte per neighbour);
    /// network report and network update (options with count and type, extended PAN id, [update id], PAN ids);
    /// end device timeout request (timeout, configuration) and response (status, parent information).
    /// Pure, allocation-free; decoding names the first field that is wrong and never throws.
    /// </summary>
    public static class NwkCommandCodec
    {
        public const int RouteRequestDestinationIeee = 0x20;
        public const int RouteReplyOriginatorIeee = 0x10;
        public const int RouteReplyResponderIeee = 0x20;
        public const int ListCountMask = 0x1F;

        public static int Encode(NwkCommand c, byte[] buffer, int offset)
        {
            int at = offset;
            buffer[at++] = c.CommandId;
            switch (c.CommandId)
            {
                case NwkCommandId.RouteRequest:
                    buffer[at++] = c.Options;
                    buffer[at++] = c.RequestId;
                    at = U16(buffer, at, c.Address);
                    buffer[at++] = c.PathCost;
                    if ((c.Options & RouteRequestDestinationIeee) != 0)
                    {
                        at = U64(buffer, at, c.Ieee);
                    }

                    break;
                case NwkCommandId.RouteReply:
                    buffer[at++] = c.Options;
                    buffer[at++] = c.RequestId;
                    at = U16(buffer, at, c.Originator);
                    at = U16(buffer, at, c.Responder);
                    buffer[at++] = c.PathCost;
                    if ((c.Options & RouteReplyOriginatorIeee) != 0)
                    {
                        at = U64(buffer, at, c.Ieee);
                    }

                    if ((c.Options & RouteReplyResponderIeee) != 0)
                    {
                        at = U64(buffer, at, c.SecondIeee);
                    }

                    break;
                case NwkCommandId.NetworkStatus:
                    buffer[at++] = c.Status;
                    at = U16(buffer, at, c.Address);
                    break;
                case NwkCommandId.Leave:
                    buffer[at++] = c.Options;
                    break;
                case NwkCommandId.RouteRecord:
                    CheckCount(c.Count, NwkCommand.MaxEntries);
                    buffer[at++] = (byte)c.Count;
                    for (int i = 0; i < c.Count; i++)
                    {
                        at = U16(buffer, at, c.Addresses[i]);
                    }

                    break;
                case NwkCommandId.RejoinRequest:
                    buffer[at++] = c.Capability;
                    break;
                case NwkCommandId.RejoinResponse:
                    at = U16(buffer, at, c.Address);
                    buffer[at++] = c.Status;
                    break;
                case NwkCommandId.LinkStatus:
                    CheckCount(c.Count, ListCountMask);
                    buffer[at++] = (byte)((c.Options & ~ListCountMask) | c.Count);
                    for (int i = 0; i < c.Count; i++)
                    {
                        at = U16(buffer, at, c.Addresses[i]);
                        buffer[at++] = c.Costs[i];
                    }

                    break;
                case NwkCommandId.NetworkReport:
                case NwkCommandId.NetworkUpdate:
                    CheckCount(c.Count, ListCountMask);
                    buffer[at++] = (byte)((c.Options & ~ListCountMask) | c.Count);
                    at = U64(buffer, at, c.ExtendedPanId);
                    if (c.CommandId == NwkCommandId.NetworkUpdate)
                    {
                        buffer[at++] = c.UpdateId;
                    }

                    for (int i = 0; i < c.Count; i++)
                    {
                        at = U16(buffer, at, c.Addresses[i]);
                    }

                    break;
                case NwkCommandId.EndDeviceTimeoutRequest:
                    buffer[at++] = c.Timeout;
                    buffer[at++] = c.Configuration;
                    break;
                case NwkCommandId.EndDeviceTimeoutResponse:
                    buffer[at++] = c.Status;
                    buffer[at++] = c.Timeout;
                    break;
                default:
                    throw new System.ArgumentException("unknown NWK command");
            }

            return at - offset;
        }

        /// <summary>Decodes the command payload of <paramref name="length"/> bytes; null, or the first field that is wrong.</summary>
        public static string Decode(byte[] buffer, int offset, int length, NwkCommand c)
        {
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return "NWK command: bounds outside the buffer";
            }

            if (length < 1)
            {
                return "NWK command identifier missing";
            }

            int end = offset + length;
            int at = offset + 1;
            c.CommandId = buffer[offset];
            c.Count = 0;
            switch (c.CommandId)
            {
                case NwkCommandId.RouteRequest:
                    if (at + 5 > end)
                    {
                        return "route request truncated before path cost";
                    }

                    c.Options = buffer[at];
                    c.RequestId = buffer[at + 1];
                    c.Address = LittleEndian.U16(buffer, at + 2);
                    c.PathCost = buffer[at + 4];
                    at += 5;
                    if ((c.Options & RouteRequestDestinationIeee) != 0)
                    {
                        if (at + 8 > end)
                        {
                            return "route request destination IEEE address truncated";
                        }

                        c.Ieee = LittleEndian.U64(buffer, at);
                        at += 8;
                    }

                    break;
                case NwkCommandId.RouteReply:
                    if (at + 7 > end)
                    {
                        return "route reply truncated before path cost";
                    }

                    c.Options = buffer[at];
                    c.RequestId = buffer[at + 1];
                    c.Originator = LittleEndian.U16(buffer, at + 2);
                    c.Responder = LittleEndian.U16(buffer, at + 4);
                    c.PathCost = buffer[at + 6];
                    at += 7;
                    if ((c.Options & RouteReplyOriginatorIeee) != 0)
                    {
                        if (at + 8 > end)
                        {
                            return "route reply originator IEEE address truncated";
                        }

                        c.Ieee = LittleEndian.U64(buffer, at);
                        at += 8;
                    }

                    if ((c.Options & RouteReplyResponderIeee) != 0)
                    {
                        if (at + 8 > end)
                        {
                            return "route reply responder IEEE address truncated";
                        }

                        c.SecondIeee = LittleEndian.U64(buffer, at);
                        at += 8;
                    }

                    break;
                case NwkCommandId.NetworkStatus:
                    if (at + 3 > end)
                    {
                        return "network status truncated";
                    }

                    c.Status = buffer[at];
                    c.Address = LittleEndian.U16(buffer, at + 1);
                    at += 3;
                    break;
                case NwkCommandId.Leave:
                    if (at + 1 > end)
                    {
                        return "leave options missing";
                    }

                    c.Options = buffer[at++];
                    break;
                case NwkCommandId.RouteRecord:
                    if (at + 1 > end)
                    {
                        return "route record relay count missing";
                    }

                    c.Count = buffer[at++];
                    if (c.Count > NwkCommand.MaxEntries)
                    {
                        return "route record relay count exceeds what the hub keeps";
                    }

                    if (at + 2 * c.Count > end)
                    {
                        return "route record relay list truncated";
                    }

                    for (int i = 0; i < c.Count; i++)
                    {
                        c.Addresses[i] = LittleEndian.U16(buffer, at);
                        at += 2;
                    }

                    break;
                case NwkCommandId.RejoinRequest:
                    if (at + 1 > end)
                    {
                        return "rejoin request capability information missing";
                    }

                    c.Capability = buffer[at++];
                    break;
                case NwkCommandId.RejoinResponse:
                    if (at + 3 > end)
                    {
                        return "rejoin response truncated";
                    }

                    c.Address = LittleEndian.U16(buffer, at);
                    c.Status = buffer[at + 2];
                    at += 3;
                    break;
                case NwkCommandId.LinkStatus:
                    if (at + 1 > end)
                    {
                        return "link status options missing";
                    }

                    c.Options = buffer[at++];
                    c.Count = c.Options & ListCountMask;
                    if (at + 3 * c.Count > end)
                    {
                        return "link status list truncated";
                    }

                    for (int i = 0; i < c.Count; i++)
                    {
                        c.Addresses[i] = LittleEndian.U16(buffer, at);
                        c.Costs[i] = buffer[at + 2];
                        at += 3;
                    }

                    break;
                case NwkCommandId.NetworkReport:
                case NwkCommandId.NetworkUpdate:
                    bool update = c.CommandId == NwkCommandId.NetworkUpdate;
                    if (at + 9 + (update ? 1 : 0) > end)
                    {
                        return update ? "network update truncated before its PAN ids" : "network report truncated before its PAN ids";
                    }

                    c.Options = buffer[at];
                    c.Count = c.Options & ListCountMask;
                    c.ExtendedPanId = LittleEndian.U64(buffer, at + 1);
                    at += 9;
                    if (update)
                    {
                        c.UpdateId = buffer[at++];
                    }

                    if (at + 2 * c.Count > end)
                    {
                        return update ? "network update PAN id list truncated" : "network report PAN id list truncated";
                    }

                    for (int i = 0; i < c.Count; i++)
                    {
                        c.Addresses[i] = LittleEndian.U16(buffer, at);
                        at += 2;
                    }

                    break;
                case NwkCommandId.EndDeviceTimeoutRequest:
                    if (at + 2 > end)
                    {
                        return "end device timeout request truncated";
                    }

                    c.Timeout = buffer[at];
                    c.Configuration = buffer[at + 1];
                    at += 2;
                    break;
                case NwkCommandId.EndDeviceTimeoutResponse:
                    if (at + 2 > end)
                    {
                        return "end device timeout response truncated";
                    }

                    c.Status = buffer[at];
                    c.Timeout = buffer[at + 1];
                    at += 2;
                    break;
                default:
                    return "NWK command identifier unknown";
            }

            return null;
        }

        private static void CheckCount(int count, int max)
        {
            if (count < 0 || count > max)
            {
                throw new System.ArgumentException("NWK command list count out of range");
            }
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
