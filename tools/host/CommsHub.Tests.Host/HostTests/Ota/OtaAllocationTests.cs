using System;
using CommsHub.Ota.Server;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Ota
{
    /// <summary>
    /// Guards the benchmark's target in every test run: serving blocks in steady state allocates nothing.
    /// Bytes allocated are counted, not time, so the result does not depend on the machine's load.
    /// </summary>
    [TestClass]
    public class OtaAllocationTests
    {
        [TestMethod]
        public void ServingBlocksInSteadyStateAllocatesNothing()
        {
            const ulong device = 0x00DB1234567890A4;
            var bench = new OtaTestBench();
            byte[] file = new OtaFileBuilder().UpgradeImage(60000).Build();
            bench.Policy.Offers[device] = OtaTestBench.Offer(file, OtaDeviceKind.Ppmid);
            var server = new OtaServer(bench.Policy, new CountingSender(), bench.Clock, new OtaServerSettings());
            var requests = new byte[100][];
            for (int i = 0; i < requests.Length; i++)
            {
                requests[i] = ClientFrames.ImageBlock((byte)i, 0x1234, 0x0001, 0x0123ABCD, (uint)(i * 64), 64);
            }

            server.Receive(device, requests[0], 0, requests[0].Length, 82);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 10; round++)
            {
                foreach (byte[] request in requests)
                {
                    server.Receive(device, request, 0, request.Length, 82);
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated, "bytes allocated serving 1000 blocks");
        }

        private sealed class CountingSender : IZclSender
        {
            private long _bytes;

            public void Send(ulong destination, byte[] frame, int offset, int length) => _bytes += length;
        }
    }
}
