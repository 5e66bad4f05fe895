using System;
using CommsHub.Crypto;

namespace CommsHub.Alerts.Gbcs
{
    /// <summary>
    /// Encodes a CCS08 Firmware Transfer Alert: ASN.1 DER content inside a GBCS General Signing frame, signed with
    /// ECDSA P-256 over the bytes from the transaction-id length to the end of the content (not the 0xDF tag).
    /// </summary>
    public static class Ccs08Alert
    {
        /// <summary>Frame up to the content length byte (34 bytes) + content (43) + signature length (1) + signature (64).</summary>
        public const int Length = 142;

        public const int ContentLength = 43;

        /// <summary>Writes the alert up to the end of its content; returns that length (the signed part is [1, length)).</summary>
        public static int EncodeUnsigned(ulong originatorCounter, ulong originator, ulong recipient, ushort alertCode, DateTime utc,
            ulong entity, uint fileVersion, byte transferResponseCode, byte[] buffer)
        {
            int at = 0;
            buffer[at++] = GbcsCodes.GeneralSigningTag;
            buffer[at++] = GbcsCodes.TransactionIdLength;
            buffer[at++] = GbcsCodes.CraAlert;
            at = PutU64(buffer, at, originatorCounter);
            buffer[at++] = 8;
            at = PutU64(buffer, at, originator);
            buffer[at++] = 8;
            at = PutU64(buffer, at, recipient);
            buffer[at++] = 0x00;
            buffer[at++] = 0x02;
            buffer[at++] = (byte)(GbcsCodes.MessageCodeCcs08 >> 8);
            buffer[at++] = (byte)(GbcsCodes.MessageCodeCcs08 & 0xFF);
            buffer[at++] = ContentLength;

            // SEQUENCE { alertCode INTEGER, dateTime GeneralizedTime, entityId OCTET STRING(8), firmwareVersion OCTET STRING(4), transferResponseCode INTEGER }
            buffer[at++] = 0x30;
            buffer[at++] = ContentLength - 2;
            buffer[at++] = 0x02;
            buffer[at++] = 0x03;
            buffer[at++] = 0x00;
            buffer[at++] = (byte)(alertCode >> 8);
            buffer[at++] = (byte)alertCode;
            buffer[at++] = 0x18;
            buffer[at++] = 0x0F;
            at = PutDigits(buffer, at, utc.Year, 4);
            at = PutDigits(buffer, at, utc.Month, 2);
            at = PutDigits(buffer, at, utc.Day, 2);
            at = PutDigits(buffer, at, utc.Hour, 2);
            at = PutDigits(buffer, at, utc.Minute, 2);
            at = PutDigits(buffer, at, utc.Second, 2);
            buffer[at++] = (byte)'Z';
            buffer[at++] = 0x04;
            buffer[at++] = 0x08;
            at = PutU64(buffer, at, entity);
            buffer[at++] = 0x04;
            buffer[at++] = 0x04;
            FirmwareVersionPolicy.Write(fileVersion, buffer, at);
            at += 4;
            buffer[at++] = 0x02;
            buffer[at++] = 0x01;
            buffer[at++] = transferResponseCode;
            return at;
        }

        /// <summary>Signs [1, <paramref name="signedEnd"/>) and appends the signature length and r ‖ s; returns the total length.</summary>
        public static int AppendSignature(byte[] buffer, int signedEnd, P256 curve, byte[] privateKey)
        {
            byte[] hash = Sha256.Hash(buffer, 1, signedEnd - 1);
            byte[] signature = curve.SignHash(hash, privateKey);
            buffer[signedEnd] = GbcsCodes.SignatureLength;
            Array.Copy(signature, 0, buffer, signedEnd + 1, GbcsCodes.SignatureLength);
            return signedEnd + 1 + GbcsCodes.SignatureLength;
        }

        /// <summary>Appends a signature computed earlier (an alert is signed once, then resent as often as needed).</summary>
        public static int AppendSignature(byte[] buffer, int signedEnd, byte[] signature)
        {
            buffer[signedEnd] = GbcsCodes.SignatureLength;
            Array.Copy(signature, 0, buffer, signedEnd + 1, GbcsCodes.SignatureLength);
            return signedEnd + 1 + GbcsCodes.SignatureLength;
        }

        private static int PutU64(byte[] buffer, int at, ulong value)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[at++] = (byte)(value >> (8 * i));
            }

            return at;
        }

        private static int PutDigits(byte[] buffer, int at, int value, int digits)
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                buffer[at + i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            return at + digits;
        }
    }
}
