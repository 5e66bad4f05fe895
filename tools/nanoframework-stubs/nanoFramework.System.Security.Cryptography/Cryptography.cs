// Reference stub of nanoFramework.System.Security.Cryptography 1.0.38: only what the hub's AES block uses.
namespace System.Security.Cryptography
{
    public enum CipherMode
    {
        None = 0,
        CBC = 1,
        ECB = 2,
    }

    public class Aes
    {
        public Aes(CipherMode mode) { throw null; }

        public CipherMode Mode { get { throw null; } set { } }

        public byte[] Key { get { throw null; } set { } }

        public byte[] IV { get { throw null; } set { } }

        public byte[] Encrypt(byte[] data) { throw null; }
    }
}
