using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommsHub.VirtualBoard.Crypto;
using Org.BouncyCastle.Security;

namespace CommsHub.Cli.Cert;

/// <summary>commshub cert: a test certificate authority for CBKE bench certificates.</summary>
public static class CertCommand
{
    public static Command Build()
    {
        var cert = CommandLine.Group("cert", "Test CBKE certificates (ECQV implicit certificates) for a bench.");
        cert.Subcommands.Add(BuildIssue());
        return cert;
    }

    private static Command BuildIssue()
    {
        var suite = new Option<int>("--suite") { Description = "1 (sect163k1, 48-byte certificate) or 2 (sect283k1, 74-byte certificate)", Required = true };
        var subject = new Option<string>("--subject") { Description = "the subject's EUI-64, 16 hex digits, most significant first", Required = true };
        var issuer = new Option<string>("--issuer") { Description = "the issuer, 16 hex digits (default 5445535453454341, \"TESTSECA\")" };
        var caKey = new Option<string>("--ca-key") { Description = "the CA's private key in hex (default: a new CA; its key is printed: keep it to issue more)" };
        var validFrom = new Option<long?>("--valid-from") { Description = "suite 2: start of validity, seconds since 1970 UTC (default: now)" };
        var validTo = new Option<string>("--valid-to") { Description = "suite 2: seconds of validity after valid-from, hex or decimal (default FFFFFFFF: no end)" };
        var keyUsage = new Option<string>("--key-usage") { Description = "suite 2: key usage byte in hex (default 88: key agreement and signature)" };
        var json = new Option<bool>("--json") { Description = "one JSON object instead of lines" };
        var issue = new Command("issue", """
            Issue a test implicit certificate and the subject's key pair, from a test CA.
            Prints the certificate, the private and public keys, and the CA's private and public keys.
            A production-provisioned device completes CBKE only with a hub certificate from the production CA.
            Exit 0 issued, 2 invalid input.
            """) { suite, subject, issuer, caKey, validFrom, validTo, keyUsage, json };
        issue.SetAction(p => Issue(p.GetValue(suite), p.GetValue(subject), p.GetValue(issuer), p.GetValue(caKey), p.GetValue(validFrom),
            p.GetValue(validTo), p.GetValue(keyUsage), p.GetValue(json), p.InvocationConfiguration.Output));
        return issue;
    }

    public static int Issue(int suite, string subject, string issuer, string caKey, long? validFrom, string validTo, string keyUsage, bool json, TextWriter output)
    {
        try
        {
            return IssueChecked(suite, subject, issuer, caKey, validFrom, validTo, keyUsage, json, output);
        }
        catch (ArgumentException e)
        {
            // The CA names what is wrong; on the command line that is invalid input (exit 2).
            throw new InputException(e.Message);
        }
    }

    private static int IssueChecked(int suite, string subject, string issuer, string caKey, long? validFrom, string validTo, string keyUsage, bool json, TextWriter output)
    {
        var random = new SecureRandom();
        var ca = new TestCertificateAuthority(suite, caKey == null ? null : TestCertificateAuthority.ParseKey(caKey), random);
        ulong serial = (ulong)random.NextLong();
        IssuedCertificate issued = ca.Issue(
            Hex64(subject, "subject"),
            issuer == null ? TestCertificateAuthority.TestIssuer : Hex64(issuer, "issuer"),
            validFrom ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            validTo == null ? 0xFFFFFFFFu : ParseUInt(validTo, "valid-to"),
            keyUsage == null ? (byte)0x88 : (byte)ParseHex(keyUsage, "key-usage", 2),
            serial);
        var fields = new (string Name, byte[] Value)[]
        {
            ("certificate", issued.Certificate),
            ("private-key", issued.PrivateKey),
            ("public-key", issued.PublicKey),
            ("ca-private-key", ca.CaPrivateKeyBytes),
            ("ca-public-key", ca.CaPublicKey),
        };
        if (json)
        {
            var o = new Dictionary<string, object> { ["suite"] = suite };
            foreach (var f in fields)
            {
                o[f.Name] = Convert.ToHexString(f.Value);
            }

            output.WriteLine(JsonSerializer.Serialize(o));
        }
        else
        {
            output.WriteLine("suite: " + suite);
            foreach (var f in fields)
            {
                output.WriteLine(f.Name + ": " + Convert.ToHexString(f.Value));
            }
        }

        return ExitCodes.Ok;
    }

    private static ulong Hex64(string text, string name)
    {
        return ParseHex(text, name, 16);
    }

    private static ulong ParseHex(string text, string name, int digits)
    {
        string t = text.Replace(":", string.Empty).Replace("-", string.Empty);
        if (t.Length != digits || !ulong.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong value))
        {
            throw new InputException(name + ": " + digits + " hex digits expected, got '" + text + "'");
        }

        return value;
    }

    private static uint ParseUInt(string text, string name)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length == 8 && uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
        {
            string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
            if (uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint hex))
            {
                return hex;
            }
        }
        else if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
        {
            return value;
        }

        throw new InputException(name + ": seconds, decimal or 8 hex digits, got '" + text + "'");
    }
}
