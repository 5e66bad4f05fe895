using CommsHub.Security.Ecc;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Security.Ecc
{
    /// <summary>The Zigbee Smart Energy CBKE worked examples, suite 1 (sect163k1) and suite 2 (sect283k1).</summary>
    [TestClass]
    public class CbkeVectorTests
    {
        [TestMethod]
        public void Suite1PublicKeysFollowFromThePrivateKeys()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            Assert.AreEqual(EccTestData.Suite1StaticPublicV, EccTestData.PublicKey(curve, EccTestData.Suite1StaticPrivateV));
            Assert.AreEqual(EccTestData.Suite1StaticPublicU, EccTestData.PublicKey(curve, EccTestData.Suite1StaticPrivateU));
            Assert.AreEqual(EccTestData.Suite1EphemeralPublicV, EccTestData.PublicKey(curve, EccTestData.Suite1EphemeralPrivateV));
            Assert.AreEqual(EccTestData.Suite1EphemeralPublicU, EccTestData.PublicKey(curve, EccTestData.Suite1EphemeralPrivateU));
        }

        [TestMethod]
        public void Suite1SharedSecretIsTheSameFromEitherSide()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            Assert.AreEqual(EccTestData.Suite1Z, EccTestData.SharedSecret(curve,
                EccTestData.Suite1StaticPrivateV, EccTestData.Suite1EphemeralPrivateV, EccTestData.Suite1EphemeralPublicV,
                EccTestData.Suite1StaticPublicU, EccTestData.Suite1EphemeralPublicU));
            Assert.AreEqual(EccTestData.Suite1Z, EccTestData.SharedSecret(curve,
                EccTestData.Suite1StaticPrivateU, EccTestData.Suite1EphemeralPrivateU, EccTestData.Suite1EphemeralPublicU,
                EccTestData.Suite1StaticPublicV, EccTestData.Suite1EphemeralPublicV));
        }

        [TestMethod]
        public void Suite2PublicKeysFollowFromThePrivateKeys()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            Assert.AreEqual(EccTestData.Suite2StaticPublic1, EccTestData.PublicKey(curve, EccTestData.Suite2StaticPrivate1));
            Assert.AreEqual(EccTestData.Suite2StaticPublic2, EccTestData.PublicKey(curve, EccTestData.Suite2StaticPrivate2));
            Assert.AreEqual(EccTestData.Suite2EphemeralPublic1, EccTestData.PublicKey(curve, EccTestData.Suite2EphemeralPrivate1));
            Assert.AreEqual(EccTestData.Suite2EphemeralPublic2, EccTestData.PublicKey(curve, EccTestData.Suite2EphemeralPrivate2));
        }

        [TestMethod]
        public void Suite2SharedSecretIsTheSameFromEitherSide()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            Assert.AreEqual(EccTestData.Suite2Z, EccTestData.SharedSecret(curve,
                EccTestData.Suite2StaticPrivate1, EccTestData.Suite2EphemeralPrivate1, EccTestData.Suite2EphemeralPublic1,
                EccTestData.Suite2StaticPublic2, EccTestData.Suite2EphemeralPublic2));
            Assert.AreEqual(EccTestData.Suite2Z, EccTestData.SharedSecret(curve,
                EccTestData.Suite2StaticPrivate2, EccTestData.Suite2EphemeralPrivate2, EccTestData.Suite2EphemeralPublic2,
                EccTestData.Suite2StaticPublic1, EccTestData.Suite2EphemeralPublic1));
        }

        [TestMethod]
        public void Suite1CertificatesReconstructToTheStaticPublicKeys()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            Assert.AreEqual(EccTestData.Suite1StaticPublicV, EccTestData.Reconstruct(curve, EccTestData.Suite1CertV,
                EccTestData.Suite1ReconstructionOffset, EccTestData.Suite1HashV, EccTestData.Suite1CaPublic));
            Assert.AreEqual(EccTestData.Suite1StaticPublicU, EccTestData.Reconstruct(curve, EccTestData.Suite1CertU,
                EccTestData.Suite1ReconstructionOffset, EccTestData.Suite1HashU, EccTestData.Suite1CaPublic));
        }

        [TestMethod]
        public void Suite2CertificatesReconstructToTheStaticPublicKeys()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect283k1();
            Assert.AreEqual(EccTestData.Suite2StaticPublic1, EccTestData.Reconstruct(curve, EccTestData.Suite2Cert1,
                EccTestData.Suite2ReconstructionOffset, EccTestData.Suite2Hash1, EccTestData.Suite2CaPublic));
            Assert.AreEqual(EccTestData.Suite2StaticPublic2, EccTestData.Reconstruct(curve, EccTestData.Suite2Cert2,
                EccTestData.Suite2ReconstructionOffset, EccTestData.Suite2Hash2, EccTestData.Suite2CaPublic));
        }

        [TestMethod]
        public void AWrongHashReconstructsAnotherKey()
        {
            KoblitzCurve curve = KoblitzCurve.CreateSect163k1();
            string wrong = "7BDBBF16B24A2F91BC1ADE0A33845661";
            Assert.AreNotEqual(EccTestData.Suite1StaticPublicV, EccTestData.Reconstruct(curve, EccTestData.Suite1CertV,
                EccTestData.Suite1ReconstructionOffset, wrong, EccTestData.Suite1CaPublic));
        }
    }
}
