namespace CommsHub.Ota.Files
{
    public enum OtaSeverity
    {
        /// <summary>Worth knowing; the file is served as it is.</summary>
        Note = 0,

        /// <summary>A real-world quirk the server tolerates; the file is still served.</summary>
        Warning = 1,

        /// <summary>The file is refused: serving it would be unsafe or impossible.</summary>
        Error = 2,
    }
}
