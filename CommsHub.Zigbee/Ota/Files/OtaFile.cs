using System.Collections;

namespace CommsHub.Ota.Files
{
    /// <summary>
    /// What the parser learned about a stored OTA file. The servable bytes are exactly
    /// [<see cref="MagicOffset"/>, <see cref="MagicOffset"/> + TotalImageSize) of the source.
    /// </summary>
    public sealed class OtaFile
    {
        private readonly ArrayList _diagnostics = new ArrayList();
        private readonly ArrayList _subElements = new ArrayList();

        public OtaFile(IImageSource source)
        {
            Source = source;
        }

        public IImageSource Source { get; private set; }

        /// <summary>Null when the header could not be read at all.</summary>
        public OtaHeader Header { get; internal set; }

        /// <summary>Bytes before the magic number (vendor containers); 0 for a plain OTA file.</summary>
        public int MagicOffset { get; internal set; }

        /// <summary>Bytes present from the magic number to the end of the source.</summary>
        public int AvailableSize { get; internal set; }

        public int DiagnosticCount
        {
            get { return _diagnostics.Count; }
        }

        public int SubElementCount
        {
            get { return _subElements.Count; }
        }

        public bool IsServable
        {
            get
            {
                for (int i = 0; i < _diagnostics.Count; i++)
                {
                    if (((OtaDiagnostic)_diagnostics[i]).Severity == OtaSeverity.Error)
                    {
                        return false;
                    }
                }

                return Header != null;
            }
        }

        public OtaDiagnostic Diagnostic(int index)
        {
            return (OtaDiagnostic)_diagnostics[index];
        }

        public OtaSubElement SubElement(int index)
        {
            return (OtaSubElement)_subElements[index];
        }

        public bool Has(string code)
        {
            for (int i = 0; i < _diagnostics.Count; i++)
            {
                if (((OtaDiagnostic)_diagnostics[i]).Code == code)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reads servable image bytes; <paramref name="offset"/> is an OTA file offset as clients send it.</summary>
        public void ReadImage(int offset, byte[] buffer, int bufferOffset, int count)
        {
            Source.Read(MagicOffset + offset, buffer, bufferOffset, count);
        }

        internal void Add(OtaSeverity severity, string code, string message)
        {
            _diagnostics.Add(new OtaDiagnostic(severity, code, message));
        }

        internal void AddSubElement(OtaSubElement element)
        {
            _subElements.Add(element);
        }
    }
}
