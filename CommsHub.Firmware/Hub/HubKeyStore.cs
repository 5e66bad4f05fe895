using System;
using CommsHub.Crypto;
using CommsHub.Platform;
using CommsHub.Work;

namespace CommsHub.Hub
{
    /// <summary>
    /// The hub's alert-signing key (ECDSA P-256) in flash sector 0: created from the entropy source on first boot,
    /// or provisioned over the WAN. A bench hub has no SMKI certificate; the head-end learns the public key from
    /// the hub's identity message and verifies every alert with it.
    /// <para>
    /// The public key is kept beside the private key, so a boot reads it instead of spending seconds on a scalar
    /// multiplication. Records are appended one per page (the newest valid one wins), so writing a new key never
    /// erases the old one first; only when all sixteen pages are used is the sector erased (the seventeenth key).
    /// A sector that holds only the first format (private key alone) is migrated: the public key is derived in
    /// main-loop steps and a full record appended. Deriving also runs in steps for a new or provisioned key; until
    /// it ends, <see cref="HasKey"/> is false and alerts wait.
    /// </para>
    /// </summary>
    public sealed class HubKeyStore
    {
        private const uint PrivateOnlyMagic = 0x594B4843;
        private const int PrivateOnlyLength = 40;
        private const uint FullMagic = 0x324B4843;
        private const int FullLength = 104;

        private readonly INorFlash _flash;
        private readonly P256 _curve;
        private readonly WorkQueue _work;
        private PublicKeyJob _job;
        private bool _jobCreates;
        private int _nextPage;

        public HubKeyStore(INorFlash flash, P256 curve, WorkQueue work)
        {
            _flash = flash;
            _curve = curve;
            _work = work;
        }

        public byte[] PrivateKey { get; private set; }

        public byte[] PublicKey { get; private set; }

        /// <summary>A key pair is ready to sign with.</summary>
        public bool HasKey
        {
            get { return PrivateKey != null && PublicKey != null && _job == null; }
        }

        /// <summary>A public key is being derived (new key, provisioning, or migration of an old record).</summary>
        public bool Busy
        {
            get { return _job != null; }
        }

        /// <summary>True when this boot had to create the key (first boot, or the record was lost); set once it is stored.</summary>
        public bool Created { get; private set; }

        /// <summary>True when this boot found a private key without its public key and is deriving it.</summary>
        public bool Migrating { get; private set; }

        /// <summary>Reads the newest record; starts deriving a public key when it is missing or there is no key yet.</summary>
        public void Load(IEntropySource entropy)
        {
            byte[] record = new byte[FullLength];
            byte[] privateOnly = null;
            _nextPage = 0;
            int pages = _flash.SectorSize / _flash.PageSize;
            for (int page = 0; page < pages; page++)
            {
                int at = page * _flash.PageSize;
                _flash.Read(at, record, 0, FullLength);
                uint magic = LittleEndian.U32(record, 0);
                if (magic == FullMagic && LittleEndian.U32(record, 100) == Crc32.Compute(record, 0, 100))
                {
                    PrivateKey = Slice(record, 4, 32);
                    PublicKey = Slice(record, 36, 64);
                    privateOnly = null;
                }
                else if (magic == PrivateOnlyMagic && LittleEndian.U32(record, 36) == Crc32.Compute(record, 0, 36))
                {
                    privateOnly = Slice(record, 4, 32);
                }

                if (!IsBlank(record))
                {
                    _nextPage = page + 1;
                }
            }

            if (PublicKey != null && privateOnly == null)
            {
                return;
            }

            if (privateOnly != null)
            {
                try
                {
                    Start(privateOnly, false);
                    Migrating = true;
                    return;
                }
                catch (ArgumentException)
                {
                    // A stored scalar outside [1, n-1] is no key: fall through and make a new one.
                }
            }

            if (entropy == null)
            {
                // Everything but signing works; alerts wait in the queue until a key is provisioned.
                return;
            }

            byte[] fresh = new byte[32];
            while (true)
            {
                entropy.Fill(fresh);
                try
                {
                    Start(fresh, true);
                    return;
                }
                catch (ArgumentException)
                {
                    // Not between 1 and n-1 (odds about 2^-32): draw again.
                }
            }
        }

        /// <summary>Replaces the key (WAN provisioning) once its public key is derived; throws ArgumentException for a bad scalar.</summary>
        public void BeginProvision(byte[] privateKey)
        {
            byte[] copy = Slice(privateKey, 0, privateKey.Length);
            Start(copy, false);
        }

        /// <summary>The main loop calls this after running work: stores a derived key pair.</summary>
        public void Poll()
        {
            if (_job == null || _job.PublicKey == null)
            {
                return;
            }

            Store(_job.PrivateKey, _job.PublicKey);
            Created = _jobCreates;
            Migrating = false;
            _job = null;
        }

        /// <summary>Forgets a derivation in progress (after a fault in it); the stored key, if any, stays.</summary>
        public void Reset()
        {
            if (_job != null)
            {
                _work.Remove(_job);
                _job = null;
            }
        }

        private void Start(byte[] privateKey, bool creates)
        {
            PublicKeyJob job = new PublicKeyJob(_curve, privateKey);
            if (_job != null)
            {
                _work.Remove(_job);
            }

            _job = job;
            _jobCreates = creates;
            _work.Add(job);
        }

        private void Store(byte[] privateKey, byte[] publicKey)
        {
            byte[] record = new byte[FullLength];
            LittleEndian.PutU32(record, 0, FullMagic);
            Array.Copy(privateKey, 0, record, 4, 32);
            Array.Copy(publicKey, 0, record, 36, 64);
            LittleEndian.PutU32(record, 100, Crc32.Compute(record, 0, 100));
            if (_nextPage * _flash.PageSize >= _flash.SectorSize)
            {
                // Sixteen keys in one sector: start it again (the only moment the sector holds no key).
                _flash.EraseSector(0);
                _nextPage = 0;
            }

            _flash.ProgramPage(_nextPage * _flash.PageSize, record, 0, FullLength);
            _nextPage++;
            PrivateKey = privateKey;
            PublicKey = publicKey;
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
