using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CommsHub.Cli;

/// <summary>Option and argument kinds shared by the commands; each parse error names the option it belongs to.</summary>
public static class Options
{
    public static readonly string[] DeviceTypes = { "ESME", "GSME", "PPMID", "HCALCS" };

    /// <summary>A hexadecimal number of at most <paramref name="digits"/> digits ("0x" optional).</summary>
    public static Option<uint> Hex(string name, string description, int digits, bool required)
    {
        var option = new Option<uint>(name) { Description = description, Required = required, HelpName = new string('H', digits) };
        option.CustomParser = r => ParseHex(r, name, digits);
        return option;
    }

    public static uint ParseHex(ArgumentResult r, string name, int digits)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        string hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 0 || hex.Length > digits || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
        {
            r.AddError($"{name} takes up to {digits} hex digits, not '{text}'");
            return 0;
        }

        return value;
    }

    /// <summary>A number of seconds, at least zero.</summary>
    public static Option<double> Seconds(string name, string description, double fallback)
    {
        var option = new Option<double>(name) { Description = description, HelpName = "SECONDS", DefaultValueFactory = _ => fallback };
        option.CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || s < 0 || double.IsInfinity(s) || double.IsNaN(s))
            {
                r.AddError($"{name} takes a number of seconds >= 0, not '{text}'");
                return fallback;
            }

            return s;
        };
        return option;
    }

    /// <summary>ESME, GSME, PPMID or HCALCS (any case), as the device-type number the WAN protocol uses.</summary>
    public static int ParseDeviceType(ArgumentResult r, string name)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        int kind = Array.IndexOf(DeviceTypes, text.ToUpperInvariant());
        if (kind < 0)
        {
            r.AddError($"{name} takes ESME, GSME, PPMID or HCALCS, not '{text}'");
        }

        return kind;
    }

    /// <summary>An EUI-64: 16 hex digits, dashes or colons allowed.</summary>
    public static ulong ParseEui(ArgumentResult r, string name)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (!TryEui(text, out ulong value))
        {
            r.AddError($"{name}: '{text}' is not an EUI-64 (16 hex digits, e.g. 00-DB-12-34-56-78-90-A4)");
        }

        return value;
    }

    public static bool TryEui(string text, out ulong value)
    {
        string hex = text.Replace("-", "").Replace(":", "");
        value = 0;
        return hex.Length == 16 && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Hex digits (spaces, dashes and colons ignored) as bytes.</summary>
    public static byte[] ParseHexBytes(ArgumentResult r, string name)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        string hex = text.Replace("-", "").Replace(":", "").Replace(" ", "");
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            r.AddError($"{name} takes an even number of hex digits, not '{text}'");
            return Array.Empty<byte>();
        }

        return Convert.FromHexString(hex);
    }
}
