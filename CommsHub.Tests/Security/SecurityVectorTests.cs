using CommsHub.Security;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security
{
    /// <summary>Published vectors: FIPS-197, IEEE 802.15.4 Annex C (CCM*), the install codes and CBKE example of the Zigbee specifications.</summary>
    [TestClass]
    public class SecurityVectorTests
    {
        [TestMethod]
        public void AesMatchesFips197AppendixC1()
        {
            var aes = new SoftwareAes();
            aes.SetKey(TestBytes.Parse("000102030405060708090a0b0c0d0e0f"), 0);
            byte[] block = TestBytes.Parse("00112233445566778899aabbccddeeff");
            aes.EncryptBlock(block, 0, block, 0);
            Assert.AreEqual("69C4E0D86A7B0430D8CDB78070B4C55A", TestBytes.ToHex(block));
        }

        [TestMethod]
        public void CbcMacAndEcbBatchAgreeWithSingleBlocks()
        {
            var aes = new SoftwareAes();
            aes.SetKey(TestBytes.Parse("2b7e151628aed2a6abf7158809cf4f3c"), 0);

            // NIST SP 800-38A F.2.1: the CBC-AES128 ciphertext's last block with the standard IV; with a zero IV the first block
            // of CBC equals ECB, so check ECB batch against block by block and CBC against a hand chain.
            byte[] data = TestBytes.Parse("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
            byte[] ecb = TestBytes.Parse("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
            aes.EncryptBlocks(ecb, 0, 2);
            Assert.AreEqual("3AD77BB40D7A3660A89ECAF32466EF97F5D3D58503B9699DE785895A96FDBAAF", TestBytes.ToHex(ecb));

            byte[] mac = new byte[16];
            aes.CbcMac(data, 0, 2, mac, 0);
            byte[] chain = new byte[16];
            System.Array.Copy(ecb, 0, chain, 0, 16);
            for (int i = 0; i < 16; i++)
            {
                chain[i] ^= data[16 + i];
            }

            aes.EncryptBlock(chain, 0, chain, 0);
            Assert.AreEqual(TestBytes.ToHex(chain), TestBytes.ToHex(mac));
            Assert.AreEqual("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51", TestBytes.ToHex(data), "CBC-MAC leaves its input alone");
        }

        [TestMethod]
        [DataRow("83FED3407A939723A5C639B26916D505", "C3B5", "66B6900981E1EE3CA4206B6B861C02BB")]
        [DataRow("1122334455667788", "4AF7", "41618FC0C83B0E14A589954B16E31466")]
        [DataRow("83FED3407A939738", "C552", "A833A77434F3BFBD7A7AB97942149287")]
        public void InstallCodesGiveThePublishedLinkKeys(string code, string crc, string linkKey)
        {
            var derive = new InstallCode(new SoftwareAes());
            byte[] bytes = TestBytes.Parse(code);
            ushort value = Crc16X25.Compute(bytes, 0, bytes.Length);
            Assert.AreEqual(crc, TestBytes.ToHex(new byte[] { (byte)value, (byte)(value >> 8) }), "CRC-16/X.25, least significant byte first");

            byte[] key = new byte[16];
            Assert.IsNull(derive.DeriveFromCode(bytes, 0, bytes.Length, key, 0));
            Assert.AreEqual(linkKey, TestBytes.ToHex(key));

            byte[] again = new byte[16];
            byte[] withCrc = TestBytes.Parse(code + crc);
            Assert.IsNull(derive.DeriveFromCodeWithCrc(withCrc, 0, withCrc.Length, again, 0));
            Assert.AreEqual(linkKey, TestBytes.ToHex(again));
        }

        [TestMethod]
        public void AnInstallCodeWithAWrongCrcIsRefusedByName()
        {
            var derive = new InstallCode(new SoftwareAes());
            byte[] key = new byte[16];
            byte[] withCrc = TestBytes.Parse("83FED3407A939723A5C639B26916D505C3B4");
            string problem = derive.DeriveFromCodeWithCrc(withCrc, 0, withCrc.Length, key, 0);
            Assert.IsNotNull(problem);
            Assert.IsTrue(problem.IndexOf("CRC") >= 0, problem);
            Assert.AreEqual("00000000000000000000000000000000", TestBytes.ToHex(key), "no key is written for a refused code");
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(5)]
        [DataRow(7)]
        [DataRow(10)]
        [DataRow(17)]
        public void AnInstallCodeOfAnInvalidLengthIsRefusedByName(int length)
        {
            var derive = new InstallCode(new SoftwareAes());
            string problem = derive.DeriveFromCode(new byte[20], 0, length, new byte[16], 0);
            Assert.IsNotNull(problem);
            Assert.IsTrue(problem.IndexOf("length") >= 0, problem);
        }

        [TestMethod]
        public void KeyTransportAndKeyLoadKeysOfZigBeeAlliance09()
        {
            var hash = new KeyedHash(new SoftwareAes());
            byte[] link = TestBytes.Parse("5A6967426565416C6C69616E63653039");
            byte[] key = new byte[16];
            hash.KeyTransportKey(link, 0, key, 0);
            Assert.AreEqual("4BAB0F173E1434A2D572E1C1EF478782", TestBytes.ToHex(key));
            hash.KeyLoadKey(link, 0, key, 0);
            Assert.AreEqual("C5A47035C332CCBF251571D8BADED188", TestBytes.ToHex(key));
        }

        [TestMethod]
        public void MmoOfTheCbkeSharedSecretGivesThePublishedMacKey()
        {
            // Zigbee Smart Energy CBKE suite 1 example: MacKey = MMO(Z || 00000001), a 25-byte message over two blocks.
            var mmo = new AesMmoHash(new SoftwareAes());
            byte[] message = TestBytes.Parse("00E0D2C3CCD5C106A89C4F6CC26A5F7EC9DF78A7BE 00000001");
            byte[] digest = new byte[16];
            mmo.Compute(message, 0, message.Length, digest, 0);
            Assert.AreEqual("90F967B22C8357C10C1C04788DE9E848", TestBytes.ToHex(digest));
        }

        [TestMethod]
        public void KeyedHashOverAMessageGivesThePublishedMacV()
        {
            // MACV = HMAC-MMO(MacKey, 03 || IDV || IDU || QEV || QEU), the responder's confirmation in the same example.
            var hash = new KeyedHash(new SoftwareAes());
            byte[] macKey = TestBytes.Parse("90F967B22C8357C10C1C04788DE9E848");
            byte[] text = TestBytes.Parse("03 0000000000000001 0000000000000002"
                + " 0306AB52062201D995B8B8591F3F086A3A2E214D845E"
                + " 0300E117C86D0E7CD128B2F34E9076CFF24AF46D7288");
            byte[] mac = new byte[16];
            hash.Compute(macKey, 0, text, 0, text.Length, mac, 0);
            Assert.AreEqual("79D5F2AD1C31D4D1EE7CB719AC683C3C", TestBytes.ToHex(mac));
        }

        [TestMethod]
        public void StreamingMmoEqualsOneShotAcrossBlockBoundaries()
        {
            var aes = new SoftwareAes();
            var oneShot = new AesMmoHash(aes);
            var streamed = new AesMmoHash(aes);
            byte[] data = new byte[70];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7 + 1);
            }

            byte[] a = new byte[16];
            byte[] b = new byte[16];
            for (int length = 0; length <= data.Length; length += 3)
            {
                oneShot.Compute(data, 0, length, a, 0);
                int split = length / 3;
                streamed.Update(data, 0, split);
                streamed.Update(data, split, length - split);
                streamed.Final(b, 0);
                Assert.AreEqual(TestBytes.ToHex(a), TestBytes.ToHex(b), "length " + length);
            }
        }

        [TestMethod]
        public void CcmStarMatchesIeee802154AnnexC21MicOnly()
        {
            // Beacon frame secured at MIC-64 (level 2): 26 header bytes authenticated, nothing encrypted.
            byte[] frame = TestBytes.Parse("08D0842143010000000048DEAC020500000055CF000051525354 0000000000000000");
            byte[] nonce = TestBytes.Parse("ACDE48000000000100000005 02");
            var ccm = new CcmStar(new SoftwareAes());
            ccm.SetKey(TestBytes.Parse("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"), 0);
            Assert.AreEqual(8, ccm.Secure(SecurityLevel.Mic64, nonce, 0, frame, 0, 26, 0));
            Assert.AreEqual("08D0842143010000000048DEAC020500000055CF000051525354223BC1EC841AB553", TestBytes.ToHex(frame));
            Assert.AreEqual(CcmStar.Ok, ccm.Unsecure(SecurityLevel.Mic64, nonce, 0, frame, 0, 26, 0));
        }

        [TestMethod]
        public void CcmStarMatchesIeee802154AnnexC23EncMic64()
        {
            // MAC command frame at ENC-MIC-64 (level 6): 29 header bytes, one payload byte CE.
            string header = "2BDC84214302000000 0048DEACFFFF01000000 0048DEAC0605000000 01";
            byte[] frame = TestBytes.Parse(header + "CE 0000000000000000");
            byte[] nonce = TestBytes.Parse("ACDE48000000000100000005 06");
            var ccm = new CcmStar(new SoftwareAes());
            ccm.SetKey(TestBytes.Parse("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"), 0);
            Assert.AreEqual(8, ccm.Secure(SecurityLevel.EncMic64, nonce, 0, frame, 0, 29, 1));
            Assert.AreEqual(TestBytes.ToHex(TestBytes.Parse(header + "D8 4FDE529061F9C6F1")), TestBytes.ToHex(frame));
            Assert.AreEqual(CcmStar.Ok, ccm.Unsecure(SecurityLevel.EncMic64, nonce, 0, frame, 0, 29, 1));
            Assert.AreEqual(0xCE, (int)frame[29]);
        }

        [TestMethod]
        public void EveryLevelRoundTripsAndAFlippedBitIsAMicMismatchThatLeavesTheFrameAsItCame()
        {
            var counting = new CountingAes(new SoftwareAes());
            var ccm = new CcmStar(counting);
            ccm.SetKey(TestBytes.Parse("000102030405060708090A0B0C0D0E0F"), 0);
            byte[] nonce = new byte[13];
            CcmStar.WriteNonce(nonce, 0, 0x0011223344556677, 0x01020304, 0x2D);
            for (int level = 1; level <= 7; level++)
            {
                int mic = SecurityLevel.MicLength(level);
                byte[] frame = new byte[127];
                for (int i = 0; i < 100; i++)
                {
                    frame[i] = (byte)(i + level);
                }

                string plain = TestBytes.ToHex(frame, 0, 100);
                counting.Calls = 0;
                Assert.AreEqual(mic, ccm.Secure(level, nonce, 0, frame, 0, 20, 80), "level " + level);
                Assert.IsTrue(counting.Calls <= CcmStar.AesCallsPerFrame, "AES calls to secure at level " + level + ": " + counting.Calls);
                Assert.AreEqual(SecurityLevel.Encrypts(level), TestBytes.ToHex(frame, 20, 80) != plain.Substring(40), "level " + level + " encryption");

                if (mic > 0)
                {
                    frame[30] ^= 0x10;
                    string tampered = TestBytes.ToHex(frame, 0, 100 + mic);
                    Assert.AreEqual(CcmStar.MicMismatch, ccm.Unsecure(level, nonce, 0, frame, 0, 20, 80), "level " + level + " flipped bit");
                    Assert.AreEqual(tampered, TestBytes.ToHex(frame, 0, 100 + mic), "a refused frame is left as it came");
                    frame[30] ^= 0x10;
                }

                counting.Calls = 0;
                Assert.AreEqual(CcmStar.Ok, ccm.Unsecure(level, nonce, 0, frame, 0, 20, 80), "level " + level);
                Assert.IsTrue(counting.Calls <= CcmStar.AesCallsPerFrame, "AES calls to unsecure at level " + level + ": " + counting.Calls);
                Assert.AreEqual(plain, TestBytes.ToHex(frame, 0, 100), "level " + level);
            }
        }

        [TestMethod]
        public void CcmStarRefusesWhatDoesNotFitAFrameWithoutThrowing()
        {
            var ccm = new CcmStar(new SoftwareAes());
            ccm.SetKey(new byte[16], 0);
            byte[] nonce = new byte[13];
            byte[] frame = new byte[300];
            Assert.AreEqual(-CcmStar.TooLong, ccm.Secure(5, nonce, 0, frame, 0, 20, 120));
            Assert.AreEqual(CcmStar.TooLong, ccm.Unsecure(5, nonce, 0, frame, 0, 20, 120));
            Assert.AreEqual(CcmStar.BadLevel, ccm.Unsecure(0, nonce, 0, frame, 0, 20, 20));
        }
    }
}
