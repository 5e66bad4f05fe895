using CommsHub.Platform;

namespace CommsHub.Aps
{
    /// <summary>
    /// APS command payloads (Zigbee specification 4.4.10), command identifier first:
    /// Transport-Key (key type, key, then for a NWK key: sequence, destination, source; for a TC link key:
    /// destination, source; for an application link key: partner, initiator flag); Update-Device (device IEEE,
    /// short address, status); Remove-Device (target IEEE); Request-Key (key type, [partner IEEE]);
    /// Switch-Key (sequence); Verify-Key (key type, source IEEE, 16-byte hash); Confirm-Key (status, key type,
    /// destination IEEE). Pure; decoding names the first wrong field and never throws.
    /// </summary>
    public static class ApsCommandCodec
    {
        public static int Encode(ApsCommand c, byte[] buffer, int offset)
        {
            int at = offset;
            buffer[at++] = c.CommandId;
            switch (c.CommandId)
            {
                case ApsCommandId.TransportKey:
                    buffer[at++] = c.KeyType;
                    System.Array.Copy(c.Key, 0, buffer, at, ApsCommand.KeyLength);
                    at += ApsCommand.KeyLength;
                    if (c.KeyType == ApsCommandId.KeyTypeNetwork)
                    {
                        buffer[at++] = c.KeySequence;
                        at = U64(buffer, at, c.DestinationIeee);
                        at = U64(buffer, at, c.SourceIeee);
                    }
                    else if (c.KeyType == ApsCommandId.KeyTypeTrustCenterLink)
                    {
                        at = U64(buffer, at, c.DestinationIeee);
                        at = U64(buffer, at, c.SourceIeee);
                    }
                    else if (c.KeyType == ApsCommandId.KeyTypeApplicationLink)
                    {
                        at = U64(buffer, at, c.PartnerIeee);
                        buffer[at++] = (byte)(c.Initiator ? 1 : 0);
                    }
                    else
                    {
                        throw new System.ArgumentException("Transport-Key key type unknown");
                    }

                    break;
                case ApsCommandId.UpdateDevice:
                    at = U64(buffer, at, c.DestinationIeee);
                    LittleEndian.PutU16(buffer, at, c.ShortAddress);
                    at += 2;
                    buffer[at++] = c.Status;
                    break;
                case ApsCommandId.RemoveDevice:
                    at = U64(buffer, at, c.DestinationIeee);
                    break;
                case ApsCommandId.RequestKey:
                    buffer[at++] = c.KeyType;
                    if (c.KeyType == ApsCommandId.RequestKeyApplicationLink)
                    {
                        at = U64(buffer, at, c.PartnerIeee);
                    }

                    break;
                case ApsCommandId.SwitchKey:
                    buffer[at++] = c.KeySequence;
                    break;
                case ApsCommandId.VerifyKey:
                    buffer[at++] = c.KeyType;
                    at = U64(buffer, at, c.SourceIeee);
                    System.Array.Copy(c.Key, 0, buffer, at, ApsCommand.KeyLength);
                    at += ApsCommand.KeyLength;
                    break;
                case ApsCommandId.ConfirmKey:
                    buffer[at++] = c.Status;
                    buffer[at++] = c.KeyType;
                    at = U64(buffer, at, c.DestinationIeee);
                    break;
                default:
                    throw new System.ArgumentException("APS command not encoded here");
            }

            return at - offset;
        }

        public static string Decode(byte[] buffer, int offset, int length, ApsCommand c)
        {
            if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.Length)
            {
                return "APS command: bounds outside the buffer";
            }

            if (length < 1)
            {
                return "APS command identifier missing";
            }

            int end = offset + length;
            int at = offset + 1;
            c.CommandId = buffer[offset];
            switch (c.CommandId)
            {
                case ApsCommandId.TransportKey:
                    if (at + 1 + ApsCommand.KeyLength > end)
                    {
                        return "Transport-Key key truncated";
                    }

                    c.KeyType = buffer[at++];
                    System.Array.Copy(buffer, at, c.Key, 0, ApsCommand.KeyLength);
                    at += ApsCommand.KeyLength;
                    if (c.KeyType == ApsCommandId.KeyTypeNetwork)
                    {
                        if (at + 17 > end)
                        {
                            return "Transport-Key (NWK key) sequence or addresses truncated";
                        }

                        c.KeySequence = buffer[at];
                        c.DestinationIeee = LittleEndian.U64(buffer, at + 1);
                        c.SourceIeee = LittleEndian.U64(buffer, at + 9);
                    }
                    else if (c.KeyType == ApsCommandId.KeyTypeTrustCenterLink)
                    {
                        if (at + 16 > end)
                        {
                            return "Transport-Key (TC link key) addresses truncated";
                        }

                        c.DestinationIeee = LittleEndian.U64(buffer, at);
                        c.SourceIeee = LittleEndian.U64(buffer, at + 8);
                    }
                    else if (c.KeyType == ApsCommandId.KeyTypeApplicationLink)
                    {
                        if (at + 9 > end)
                        {
                            return "Transport-Key (application link key) partner or initiator flag truncated";
                        }

                        c.PartnerIeee = LittleEndian.U64(buffer, at);
                        c.Initiator = buffer[at + 8] != 0;
                    }
                    else
                    {
                        return "Transport-Key key type unknown";
                    }

                    break;
                case ApsCommandId.UpdateDevice:
                    if (at + 11 > end)
                    {
                        return "Update-Device truncated";
                    }

                    c.DestinationIeee = LittleEndian.U64(buffer, at);
                    c.ShortAddress = LittleEndian.U16(buffer, at + 8);
                    c.Status = buffer[at + 10];
                    break;
                case ApsCommandId.RemoveDevice:
                    if (at + 8 > end)
                    {
                        return "Remove-Device target address truncated";
                    }

                    c.DestinationIeee = LittleEndian.U64(buffer, at);
                    break;
                case ApsCommandId.RequestKey:
                    if (at + 1 > end)
                    {
                        return "Request-Key key type missing";
                    }

                    c.KeyType = buffer[at++];
                    if (c.KeyType == ApsCommandId.RequestKeyApplicationLink)
                    {
                        if (at + 8 > end)
                        {
                            return "Request-Key partner address truncated";
                        }

                        c.PartnerIeee = LittleEndian.U64(buffer, at);
                    }
                    else if (c.KeyType != ApsCommandId.KeyTypeTrustCenterLink)
                    {
                        return "Request-Key key type unknown";
                    }

                    break;
                case ApsCommandId.SwitchKey:
                    if (at + 1 > end)
                    {
                        return "Switch-Key sequence number missing";
                    }

                    c.KeySequence = buffer[at];
                    break;
                case ApsCommandId.VerifyKey:
                    if (at + 9 + ApsCommand.KeyLength > end)
                    {
                        return "Verify-Key truncated";
                    }

                    c.KeyType = buffer[at];
                    c.SourceIeee = LittleEndian.U64(buffer, at + 1);
                    System.Array.Copy(buffer, at + 9, c.Key, 0, ApsCommand.KeyLength);
                    break;
                case ApsCommandId.ConfirmKey:
                    if (at + 10 > end)
                    {
                        return "Confirm-Key truncated";
                    }

                    c.Status = buffer[at];
                    c.KeyType = buffer[at + 1];
                    c.DestinationIeee = LittleEndian.U64(buffer, at + 2);
                    break;
                default:
                    return "APS command identifier unknown";
            }

            return null;
        }

        private static int U64(byte[] b, int at, ulong value)
        {
            LittleEndian.PutU64(b, at, value);
            return at + 8;
        }
    }
}
