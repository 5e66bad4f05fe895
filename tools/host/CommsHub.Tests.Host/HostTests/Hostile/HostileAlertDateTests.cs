using System;
using System.IO;
using System.Text;
using CommsHub.Alerts.Gbcs;
using CommsHub.Cli.Wan;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Hostile
{
    /// <summary>Impossible CCS08 dates are refused by name, not thrown from a DateTime constructor (issue 11, item 10).</summary>
    [TestClass]
    public class HostileAlertDateTests
    {
        [TestMethod]
        [DataRow("20150231", "dateTime 2015-2-31 is not a day of the calendar")]
        [DataRow("20150431", "dateTime 2015-4-31 is not a day of the calendar")]
        [DataRow("20130229", "dateTime 2013-2-29 is not a day of the calendar")]
        [DataRow("00000101", "dateTime year 0 is before 1601")]
        public void AnImpossibleDateInTheRtdsVectorIsRefusedInWords(string date, string failure)
        {
            byte[] alert = WithDate(date);
            var frame = GeneralSigningFrame.Decode(alert, alert.Length);
            Assert.IsNull(frame.Failure, frame.Failure);
            var content = Ccs08Content.Decode(alert, frame.ContentOffset, frame.ContentLength);
            Assert.AreEqual(failure, content.Failure);

            // The head-end's decoder (wan decode, every alert received) reports it too.
            var decoded = AlertDecoder.Decode(alert, null);
            Assert.IsTrue(decoded.Text.Contains(failure) || (decoded.Problem ?? string.Empty).Contains(failure), decoded.Text + " / " + decoded.Problem);
        }

        [TestMethod]
        public void TheTwentyNinthOfFebruaryInALeapYearStillDecodes()
        {
            byte[] alert = WithDate("20160229");
            var frame = GeneralSigningFrame.Decode(alert, alert.Length);
            var content = Ccs08Content.Decode(alert, frame.ContentOffset, frame.ContentLength);
            Assert.IsNull(content.Failure, content.Failure);
            Assert.AreEqual(new DateTime(2016, 2, 29), content.DateTime);
        }

        /// <summary>The RTDS CCS08 vector with its GeneralizedTime date (20150101) replaced.</summary>
        private static byte[] WithDate(string date)
        {
            byte[] vector = Convert.FromHexString(File.ReadAllText(EcdsaCrossCheckTests.Vector("CCS08_NA_NA_ALERT_GBCS.HEX")).Trim());
            byte[] original = Encoding.ASCII.GetBytes("20150101000000Z");
            int at = vector.AsSpan().IndexOf(original);
            Assert.IsTrue(at > 0, "the vector's dateTime was not found");
            Encoding.ASCII.GetBytes(date).CopyTo(vector, at);
            return vector;
        }
    }
}
