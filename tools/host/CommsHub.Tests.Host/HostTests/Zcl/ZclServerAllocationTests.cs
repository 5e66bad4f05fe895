using System;
using CommsHub.Clusters.Basic;
using CommsHub.Clusters.KeepAlive;
using CommsHub.Clusters.Time;
using CommsHub.Tests.Clusters;
using CommsHub.Zcl;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Zcl
{
    /// <summary>Answering good foundation requests allocates nothing: bytes allocated are counted, not time.</summary>
    [TestClass]
    public class ZclServerAllocationTests
    {
        [TestMethod]
        public void AnsweringReadsAndDiscoveriesAllocatesNothing()
        {
            var clock = new SettableClock { UtcNow = new DateTime(2026, 10, 25, 0, 30, 0) };
            var time = new TimeServer(clock);
            time.OnClockSetByWan();
            ZclAttributeServer[] servers = { new BasicServer().Server, new KeepAliveServer().Server, time.Server };
            byte[][] requests =
            {
                new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x04, 0x00, 0x07, 0x00, 0x00, 0x40, 0x77, 0x77 },
                new byte[] { 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x07, 0x00, 0x08, 0x00, 0x09, 0x00 },
                new byte[] { 0x00, 0x03, 0x0C, 0x00, 0x00, 0xFF },
            };
            byte[] response = new byte[82];
            long bytes = 0;
            foreach (var server in servers)
            {
                server.Handle(requests[0], 0, requests[0].Length, response, 0, response.Length);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++)
            {
                foreach (var server in servers)
                {
                    foreach (byte[] request in requests)
                    {
                        bytes += server.Handle(request, 0, request.Length, response, 0, response.Length);
                    }
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(bytes > 900 * 8, "the servers answered");
            Assert.AreEqual(0L, allocated, "bytes allocated answering 900 requests");
        }
    }
}
