using System;
using CommsHub.Crypto;
using CommsHub.Platform;

namespace CommsHub.Hub
{
    /// <summary>
    /// The hub's alert-signing key (ECDSA P-256) in flash sector 0: created from the entropy source on first boot,
    /// or provisioned over the WAN. A bench hub has no SMKI certificate; the head-end learns the public key from
    /// the hub's identity message and verifies every alert with it.
    /// </summary>
    public sealed class HubKeyStore
    {
        private const uint Magic = 0x594B4843;
        private const int RecordLength = 40;

        private readonly INorFlash _flash;
        private readonly P256 _curve;

        public HubKeyStore(INorFlash flash, P256 curve)
        {
            _flash = flash;
            _curve = curve;
        }

        public byte[] PrivateKey { get; private set; }

        public byte[] PublicKey { get; private set; }

        public bool HasKey
        {
            get { return PrivateKey != null; }
        }

        /// <summary>True when this boot had to create the key (first boot, or the record was lost).</summary>
        public bool Created { get; private set; }

        public void LoadOrCreate(IEntropySource entropy)
        {
            byte[] record = new byte[RecordLength];
            _flash.Read(0, record, 0, RecordLength);
            if (LittleEndian.U32(record, 0) == Magic && LittleEndian.U32(record, 36) == Crc32.Compute(record, 0, 36))
            {
                byte[] key = new byte[32];
                Array.Copy(record, 4, key, 0, 32);
                Use(key);
                return;
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
                    Provision(fresh);
                    Created = true;
                    return;
                }
                catch (ArgumentException)
                {
                    // Not between 1 and n-1 (odds about 2^-32): draw again.
                }
            }
        }

        /// <summary>Replaces the key (WAN provisioning); the old one is gone.</summary>
        public void Provision(byte[] privateKey)
        {
            byte[] publicKey = _curve.PublicKey(privateKey);
            byte[] record = new byte[RecordLength];
            LittleEndian.PutU32(record, 0, Magic);
            Array.Copy(privateKey, 0, record, 4, 32);
            LittleEndian.PutU32(record, 36, Crc32.Compute(record, 0, 36));
            _flash.EraseSector(0);
            _flash.ProgramPage(0, record, 0, RecordLength);
            PrivateKey = privateKey;
            PublicKey = publicKey;
        }

        private void Use(byte[] privateKey)
        {
            PublicKey = _curve.PublicKey(privateKey);
            PrivateKey = privateKey;
        }

    }
}
