using System;
using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Hub
{
    /// <summary>
    /// Faults caught at the main loop, kept in their own flash sector as 64-byte records with a CRC: a running count,
    /// the UTC time, the layer that threw and the exception's type. The newest record survives reboots and goes in
    /// the head-end's status reply. Records are appended; when the sector is full it is erased and the count carries on
    /// (a power cut in that moment loses the old records, never the hub).
    /// </summary>
    public sealed class FaultLog
    {
        public const int RecordLength = 64;
        private const uint Magic = 0x544C4643;
        private const int TextOffset = 18;
        private const int TextLength = 42;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly int _length;
        private readonly byte[] _record = new byte[RecordLength];
        private int _append;

        public FaultLog(INorFlash flash, int start, int length)
        {
            _flash = flash;
            _start = start;
            _length = length;
        }

        /// <summary>Faults recorded since the hub was first booted.</summary>
        public uint Count { get; private set; }

        /// <summary>"layer: ExceptionType" of the newest fault, or null.</summary>
        public string Last { get; private set; }

        public long LastTicks { get; private set; }

        public void Mount()
        {
            Count = 0;
            Last = null;
            LastTicks = 0;
            _append = _start;
            for (int at = _start; at < _start + _length; at += RecordLength)
            {
                _flash.Read(at, _record, 0, RecordLength);
                if (LittleEndian.U32(_record, 0) == Magic && LittleEndian.U32(_record, 60) == Crc32.Compute(_record, 0, 60))
                {
                    uint count = LittleEndian.U32(_record, 4);
                    if (count > Count)
                    {
                        Count = count;
                        LastTicks = (long)LittleEndian.U64(_record, 8);
                        Last = Text(_record, _record[16], _record[17]);
                    }
                }

                if (_record[0] != 0xFF)
                {
                    _append = at + RecordLength;
                }
            }
        }

        /// <summary>Counts a fault and writes its record; "where" is the layer, "what" the exception type.</summary>
        public void Record(string where, string what, long utcTicks)
        {
            Count++;
            Last = where + ": " + what;
            LastTicks = utcTicks;
            for (int i = 0; i < RecordLength; i++)
            {
                _record[i] = 0xFF;
            }

            LittleEndian.PutU32(_record, 0, Magic);
            LittleEndian.PutU32(_record, 4, Count);
            LittleEndian.PutU64(_record, 8, (ulong)utcTicks);
            int whereLength = Put(where, _record, TextOffset, TextLength);
            int whatLength = Put(what, _record, TextOffset + whereLength, TextLength - whereLength);
            _record[16] = (byte)whereLength;
            _record[17] = (byte)whatLength;
            LittleEndian.PutU32(_record, 60, Crc32.Compute(_record, 0, 60));
            if (_append + RecordLength > _start + _length)
            {
                _flash.EraseSector(_start);
                _append = _start;
            }

            _flash.ProgramPage(_append, _record, 0, RecordLength);
            _append += RecordLength;
        }

        private static int Put(string text, byte[] buffer, int offset, int room)
        {
            int n = text.Length < room ? text.Length : room;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                buffer[offset + i] = c >= ' ' && c < 127 ? (byte)c : (byte)'?';
            }

            return n;
        }

        private static string Text(byte[] record, int whereLength, int whatLength)
        {
            if (whereLength + whatLength > TextLength)
            {
                return "?";
            }

            char[] where = new char[whereLength];
            for (int i = 0; i < whereLength; i++)
            {
                where[i] = (char)record[TextOffset + i];
            }

            char[] what = new char[whatLength];
            for (int i = 0; i < whatLength; i++)
            {
                what[i] = (char)record[TextOffset + whereLength + i];
            }

            return new string(where) + ": " + new string(what);
        }
    }
}
