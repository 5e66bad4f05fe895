using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CommsHub.Alerts;
using CommsHub.Alerts.Gbcs;
using CommsHub.Platform;

namespace CommsHub.Cli.Wan;

/// <summary>A GBCS message read for people: its fields, the DUIS-style alert line, and whether the signature holds.</summary>
public sealed record DecodedAlert(string Text, string Summary, bool? SignatureValid, string Problem);

public static class AlertDecoder
{
    /// <param name="publicKey">x ‖ y of the signer, or null when unknown (the signature is then not checked).</param>
    public static DecodedAlert Decode(byte[] gbcs, byte[] publicKey)
    {
        var frame = GeneralSigningFrame.Decode(gbcs, gbcs.Length);
        if (frame.Failure != null)
        {
            return new DecodedAlert("not a GBCS General Signing message: " + frame.Failure, "undecodable", null, frame.Failure);
        }

        var o = new StringBuilder();
        string cra = frame.Cra switch { 1 => "command", 2 => "response", _ => "alert" };
        o.AppendLine($"GBCS General Signing {cra}, message code 0x{frame.MessageCode:X4}{(frame.MessageCode == GbcsCodes.MessageCodeCcs08 ? " (CCS08 Firmware Transfer Alert)" : frame.MessageCode == GbcsCodes.MessageCodeCs09 ? " (CS09 PPMID Firmware Activation Alert)" : "")}");
        o.AppendLine($"  originator counter   {frame.OriginatorCounter} (0x{frame.OriginatorCounter:X16})");
        o.AppendLine($"  originator           {Eui64.FromValue(frame.Originator)}");
        o.AppendLine($"  recipient            {Eui64.FromValue(frame.Recipient)}{(frame.Recipient == GbcsCodes.AccessControlBroker ? " (DCC Access Control Broker)" : "")}");
        string summary = $"message 0x{frame.MessageCode:X4} counter {frame.OriginatorCounter}";
        string problem = null;
        if (frame.MessageCode == GbcsCodes.MessageCodeCcs08)
        {
            var c = Ccs08Content.Decode(gbcs, frame.ContentOffset, frame.ContentLength);
            if (c.Failure != null)
            {
                problem = c.Failure;
                o.AppendLine("  content: " + c.Failure);
            }
            else
            {
                string result = TransferResponse.Name(c.TransferResponseCode);
                o.AppendLine($"  alertCode            0x{c.AlertCode:X4}{(c.AlertCode == 0x8F8A ? " (firmware transfer success)" : c.AlertCode == 0x8F89 ? " (firmware transfer failure)" : "")}");
                o.AppendLine($"  dateTime             {c.DateTime:yyyy-MM-ddTHH:mm:ssZ}");
                o.AppendLine($"  entityId             {Eui64.FromValue(c.EntityId)}");
                o.AppendLine($"  firmwareVersion      {c.FirmwareVersion:X8}");
                o.AppendLine($"  transferResponseCode {c.TransferResponseCode} ({result})");
                summary = $"FirmwareTransferAlert target {Eui64.FromValue(c.EntityId)} version {c.FirmwareVersion:X8} result {result} (0x{c.AlertCode:X4}) at {c.DateTime:yyyy-MM-ddTHH:mm:ssZ}";
                o.AppendLine("  DUIS: " + summary);
            }
        }

        bool? valid = null;
        if (publicKey != null && publicKey.Length == 64)
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] } });
            valid = ecdsa.VerifyData(gbcs.AsSpan(1, frame.SignedEnd - 1), gbcs.AsSpan(frame.SignatureOffset, 64), HashAlgorithmName.SHA256);
            o.AppendLine("  signature            " + (valid.Value ? "valid" : "INVALID"));
        }
        else
        {
            o.AppendLine("  signature            not checked (no signer key given)");
        }

        return new DecodedAlert(o.ToString().TrimEnd(), summary + (valid == false ? " [SIGNATURE INVALID]" : ""), valid, problem);
    }

    /// <summary>
    /// The signer's x ‖ y public key from what a person has: an X.509 certificate PEM, a public-key PEM, or the key
    /// as hex (x ‖ y as 'wan identity' prints it, or with the 04 prefix) — given directly or in a file.
    /// </summary>
    public static byte[] PublicKey(string given)
    {
        string text = given;
        if (File.Exists(given))
        {
            try
            {
                text = File.ReadAllText(given);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"--cert: cannot read {given}: {e.Message}");
            }
        }

        string hex = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (hex.Length is 128 or 130 && hex.All(Uri.IsHexDigit))
        {
            byte[] raw = Convert.FromHexString(hex);
            return raw.Length == 65 ? (raw[0] == 4 ? raw[1..] : throw new InputException("--cert: a 65-byte key must start with 04 (uncompressed point)")) : raw;
        }

        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            throw new InputException(File.Exists(given) || given.Contains('/') || given.Contains('.')
                ? $"--cert: {given} is neither a file holding a PEM or a key nor 128 hex digits"
                : $"--cert: '{given}' is neither a file nor a public key of 128 hex digits (x ‖ y)");
        }

        try
        {
            if (text.Contains("CERTIFICATE", StringComparison.Ordinal))
            {
                using var cert = X509Certificate2.CreateFromPem(text);
                using var key = cert.GetECDsaPublicKey() ?? throw new InputException($"--cert: {given} holds no ECDSA public key");
                return Point(key);
            }

            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(text);
            return Point(ecdsa);
        }
        catch (CryptographicException e)
        {
            throw new InputException($"--cert: {given} holds no usable P-256 public key ({e.Message})");
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--cert: {given} holds no usable P-256 public key ({e.Message})");
        }
    }

    private static byte[] Point(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return q.X.Concat(q.Y).ToArray();
    }
}
