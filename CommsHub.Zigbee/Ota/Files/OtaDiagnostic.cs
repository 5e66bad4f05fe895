namespace CommsHub.Ota.Files
{
    /// <summary>One finding about an OTA file. <see cref="Code"/> is stable (tools match on it); the message is for people.</summary>
    public sealed class OtaDiagnostic
    {
        public OtaDiagnostic(OtaSeverity severity, string code, string message)
        {
            Severity = severity;
            Code = code;
            Message = message;
        }

        public OtaSeverity Severity { get; private set; }

        public string Code { get; private set; }

        public string Message { get; private set; }

        public override string ToString()
        {
            string level = Severity == OtaSeverity.Error ? "error" : Severity == OtaSeverity.Warning ? "warning" : "note";
            return level + " " + Code + ": " + Message;
        }
    }
}
