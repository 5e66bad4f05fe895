using System;
using CommsHub.Clusters.KeyEstablishment;
using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.Security;
using CommsHub.Storage;
using CommsHub.Work;

namespace CommsHub.Hub
{
    /// <summary>The hub's credentials for a CBKE suite changed (provisioned over the WAN, or read from flash at boot).</summary>
    public delegate void CbkeCredentialsHandler(ushort suite, KeyEstablishmentIdentity identity);

    /// <summary>
    /// The hub's CBKE certificate, static private key and CA public key per suite, provisioned over the WAN and kept in
    /// two flash sectors of their own (<see cref="FlashLayout.CbkeCredentialStart"/>). Each record takes one page,
    /// carries a sequence number and a CRC-32, and is appended: the newest valid record of each suite wins, so
    /// writing new credentials never erases the old ones first. When the sector in use is full, the other sector is
    /// erased and receives the newest record of the other suite before the new one, so a power cut at any point
    /// leaves at least the previous credentials readable.
    /// <para>
    /// Credentials are checked before anything is written: first the fields, within the WAN turn
    /// (<see cref="KeyEstablishmentIdentity.Load"/>: suite, lengths, certificate layout; the certificate's subject must
    /// be this hub), then that the private key belongs to the certificate, which is curve work and runs in slices on
    /// the main loop's work queue (<see cref="CbkeCredentialCheck"/>). A refusal names what is wrong and leaves the
    /// stored credentials as they were.
    /// </para>
    /// </summary>
    public sealed class CbkeCredentialStore
    {
        public const int Sectors = 2;

        private const uint Magic = 0x45424B43;

        // magic (4) | sequence (4) | suite (2) | certificate (74) | private key (36) | CA public key (37) | CRC-32 (4);
        // suite 1's shorter fields sit at the same offsets, zero-padded.
        private const int CertificateAt = 10;
        private const int PrivateKeyAt = CertificateAt + 74;
        private const int CaPublicAt = PrivateKeyAt + 36;
        private const int CrcAt = CaPublicAt + 37;
        private const int RecordLength = CrcAt + 4;

        private readonly INorFlash _flash;
        private readonly int _start;
        private readonly ulong _hub;
        private readonly byte[] _record = new byte[RecordLength];
        private KeyEstablishmentIdentity _suite1;
        private KeyEstablishmentIdentity _suite2;
        private byte[] _suite1Record;
        private byte[] _suite2Record;
        private uint _sequence;
        private int _sector;
        private int _nextPage;
        private CbkeCredentialCheck _check;
        private byte[] _writing;
        private KeyEstablishmentIdentity _writingIdentity;
        private bool _moving;

        public CbkeCredentialStore(INorFlash flash, int start, ulong hub)
        {
            _flash = flash;
            _start = start;
            _hub = hub;
        }

        /// <summary>Raised for each suite read by <see cref="Mount"/> and for each provisioning whose check passed.</summary>
        public event CbkeCredentialsHandler Changed;

        /// <summary>The KeyEstablishmentSuite bits of the suites the hub holds credentials for.</summary>
        public ushort Suites
        {
            get
            {
                return (ushort)((_suite1 != null ? KeyEstablishmentSuite.Suite1 : 0) | (_suite2 != null ? KeyEstablishmentSuite.Suite2 : 0));
            }
        }

        /// <summary>Stored records that failed their CRC or checks at the last mount (a torn write, or a worn page).</summary>
        public int Damaged { get; private set; }

        /// <summary>The credentials held for <paramref name="suite"/>, or null.</summary>
        public KeyEstablishmentIdentity Identity(ushort suite)
        {
            return suite == KeyEstablishmentSuite.Suite1 ? _suite1 : suite == KeyEstablishmentSuite.Suite2 ? _suite2 : null;
        }

        /// <summary>Reads the newest valid record of each suite from flash and announces what it found.</summary>
        public void Mount()
        {
            _suite1 = null;
            _suite2 = null;
            _suite1Record = null;
            _suite2Record = null;
            _sequence = 0;
            _sector = 0;
            _nextPage = 0;
            _check = null;
            _writing = null;
            _writingIdentity = null;
            _moving = false;
            Damaged = 0;
            uint best1 = 0;
            uint best2 = 0;
            uint newest = 0;
            int pages = _flash.SectorSize / _flash.PageSize;
            int[] used = new int[Sectors];
            uint[] top = new uint[Sectors];
            for (int sector = 0; sector < Sectors; sector++)
            {
                for (int page = 0; page < pages; page++)
                {
                    _flash.Read(Address(sector, page), _record, 0, RecordLength);
                    if (IsBlank(_record))
                    {
                        continue;
                    }

                    used[sector] = page + 1;
                    if (LittleEndian.U32(_record, 0) != Magic || LittleEndian.U32(_record, CrcAt) != Crc32.Compute(_record, 0, CrcAt))
                    {
                        Damaged++;
                        continue;
                    }

                    uint sequence = LittleEndian.U32(_record, 4);
                    ushort suite = (ushort)(_record[8] | (_record[9] << 8));
                    if (sequence >= top[sector])
                    {
                        top[sector] = sequence;
                    }

                    if (suite == KeyEstablishmentSuite.Suite1 && sequence >= best1)
                    {
                        best1 = sequence;
                        _suite1Record = (byte[])_record.Clone();
                    }
                    else if (suite == KeyEstablishmentSuite.Suite2 && sequence >= best2)
                    {
                        best2 = sequence;
                        _suite2Record = (byte[])_record.Clone();
                    }
                }
            }

            // The sector with the newest record is in use. A tie means a move was cut after the other suite's record
            // was copied and before the new one landed: the copy is not a home, so the full sector stays in use (the
            // next write moves again) and is never erased while it holds a suite's only record.
            _sector = top[1] > top[0] || (top[1] == top[0] && used[1] > used[0]) ? 1 : 0;
            newest = top[_sector];
            _sequence = newest;
            _nextPage = used[_sector];
            _suite1 = FromRecord(_suite1Record);
            _suite2 = FromRecord(_suite2Record);
            Announce(KeyEstablishmentSuite.Suite1, _suite1);
            Announce(KeyEstablishmentSuite.Suite2, _suite2);
        }

        /// <summary>True while provisioned credentials are being checked or written (<see cref="Check"/> is queued).</summary>
        public bool Checking
        {
            get { return _check != null && !_check.Finished; }
        }

        /// <summary>The work item of the provisioning in progress (or last finished), to run on the main loop's work queue.</summary>
        public CbkeCredentialCheck Check
        {
            get { return _check; }
        }

        /// <summary>
        /// Starts provisioning credentials for <paramref name="suite"/>: the field checks run now and a refusal in words
        /// is returned at once (nothing stored changes); null means the key-pair check has started, as the work item
        /// <see cref="Check"/>, which writes the credentials to flash and announces them only if the private key belongs
        /// to the certificate. Refused while another provisioning is still being checked.
        /// </summary>
        public string BeginProvision(ushort suite, byte[] certificate, byte[] privateKey, byte[] caPublicKey, IAesBlock aes, WorkMeter meter)
        {
            if (Checking)
            {
                return "other credentials are still being checked";
            }

            string problem = CheckLengths(suite, certificate, privateKey, caPublicKey);
            if (problem != null)
            {
                return problem;
            }

            KeyEstablishmentIdentity identity = new KeyEstablishmentIdentity();
            problem = identity.Load(suite, certificate, privateKey, caPublicKey);
            if (problem != null)
            {
                return problem;
            }

            if (identity.Certificate.Subject != _hub)
            {
                return "certificate: subject " + Eui64.FromValue(identity.Certificate.Subject).ToString() + " is not this hub ("
                    + Eui64.FromValue(_hub).ToString() + ")";
            }

            CbkeCredentialCheck check = new CbkeCredentialCheck(this, identity, aes, meter);
            problem = check.Problem;
            if (problem != null)
            {
                return problem;
            }

            _check = check;
            return null;
        }

        /// <summary>Forgets a provisioning whose work item was dropped (a fault cleared the work queue): nothing of it was kept.</summary>
        public void Abandon()
        {
            _check = null;
            _writing = null;
            _writingIdentity = null;
            _moving = false;
        }

        /// <summary>
        /// Starts writing credentials whose key pair has been checked; true when they are written and announced. False
        /// when the sector in use is full and the other one is being erased in the background: call
        /// <see cref="FinishKeep"/> once <see cref="EraseBusy"/> is false.
        /// </summary>
        internal bool StartKeep(KeyEstablishmentIdentity identity)
        {
            ushort suite = identity.Suite;
            byte[] record = new byte[RecordLength];
            LittleEndian.PutU32(record, 0, Magic);
            LittleEndian.PutU32(record, 4, _sequence + 1);
            record[8] = (byte)suite;
            record[9] = (byte)(suite >> 8);
            Array.Copy(identity.Certificate.Bytes, 0, record, CertificateAt, identity.Certificate.Length);
            Array.Copy(identity.StaticPrivateKey, 0, record, PrivateKeyAt, identity.StaticPrivateKey.Length);
            Array.Copy(identity.CaPublicKey, 0, record, CaPublicAt, identity.CaPublicKey.Length);
            LittleEndian.PutU32(record, CrcAt, Crc32.Compute(record, 0, CrcAt));
            _writing = record;
            _writingIdentity = identity;
            int pages = _flash.SectorSize / _flash.PageSize;
            if (_nextPage >= pages)
            {
                // The sector in use is full: the other one is erased, then receives the other suite's newest record and
                // this one. Until this record lands, the full sector still holds the newest of everything.
                _moving = true;
                IBackgroundErase background = _flash as IBackgroundErase;
                if (background != null)
                {
                    background.StartEraseSector(Address(1 - _sector, 0));
                    return false;
                }

                _flash.EraseSector(Address(1 - _sector, 0));
            }

            FinishKeep();
            return true;
        }

        /// <summary>True while the sector erase started by <see cref="StartKeep"/> runs.</summary>
        internal bool EraseBusy
        {
            get
            {
                IBackgroundErase background = _flash as IBackgroundErase;
                return _moving && background != null && background.EraseBusy;
            }
        }

        /// <summary>Programs the record <see cref="StartKeep"/> prepared (after the other suite's, when moving) and announces it.</summary>
        internal void FinishKeep()
        {
            byte[] record = _writing;
            ushort suite = _writingIdentity.Suite;
            if (_moving)
            {
                _sector = 1 - _sector;
                _nextPage = 0;
                byte[] keep = suite == KeyEstablishmentSuite.Suite1 ? _suite2Record : _suite1Record;
                if (keep != null)
                {
                    _flash.ProgramPage(Address(_sector, _nextPage), keep, 0, RecordLength);
                    _nextPage++;
                }

                _moving = false;
            }

            _flash.ProgramPage(Address(_sector, _nextPage), record, 0, RecordLength);
            _nextPage++;
            _sequence++;
            if (suite == KeyEstablishmentSuite.Suite1)
            {
                _suite1 = _writingIdentity;
                _suite1Record = record;
            }
            else
            {
                _suite2 = _writingIdentity;
                _suite2Record = record;
            }

            KeyEstablishmentIdentity identity = _writingIdentity;
            _writing = null;
            _writingIdentity = null;
            Announce(suite, identity);
        }

        /// <summary>Lengths first, so a refusal names the field and the length the suite needs.</summary>
        private static string CheckLengths(ushort suite, byte[] certificate, byte[] privateKey, byte[] caPublicKey)
        {
            if (!KeyEstablishmentSuite.IsSingleKnownSuite(suite))
            {
                return "suite: " + suite.ToString() + " is not suite 1 or suite 2";
            }

            string problem = Length("certificate", certificate, KeyEstablishmentSuite.CertificateLength(suite), suite);
            if (problem == null)
            {
                problem = Length("private key", privateKey, KeyEstablishmentSuite.PrivateKeyLength(suite), suite);
            }

            if (problem == null)
            {
                problem = Length("CA public key", caPublicKey, KeyEstablishmentSuite.PointLength(suite), suite);
            }

            return problem;
        }

        private static string Length(string field, byte[] value, int expected, ushort suite)
        {
            int length = value == null ? 0 : value.Length;
            if (length == expected)
            {
                return null;
            }

            return field + ": " + length.ToString() + " bytes, suite " + suite.ToString() + " needs " + expected.ToString();
        }

        private KeyEstablishmentIdentity FromRecord(byte[] record)
        {
            if (record == null)
            {
                return null;
            }

            ushort suite = (ushort)(record[8] | (record[9] << 8));
            if (!KeyEstablishmentSuite.IsSingleKnownSuite(suite))
            {
                Damaged++;
                return null;
            }

            KeyEstablishmentIdentity identity = new KeyEstablishmentIdentity();
            string problem = identity.Load(suite, Slice(record, CertificateAt, KeyEstablishmentSuite.CertificateLength(suite)),
                Slice(record, PrivateKeyAt, KeyEstablishmentSuite.PrivateKeyLength(suite)), Slice(record, CaPublicAt, KeyEstablishmentSuite.PointLength(suite)));
            if (problem != null)
            {
                Damaged++;
                return null;
            }

            return identity;
        }

        private void Announce(ushort suite, KeyEstablishmentIdentity identity)
        {
            CbkeCredentialsHandler handler = Changed;
            if (handler != null && identity != null)
            {
                handler(suite, identity);
            }
        }

        private int Address(int sector, int page)
        {
            return _start + (sector * _flash.SectorSize) + (page * _flash.PageSize);
        }

        private static bool IsBlank(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Slice(byte[] bytes, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(bytes, offset, copy, 0, count);
            return copy;
        }
    }
}
