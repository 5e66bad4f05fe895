using System;
using System.Linq;
using CommsHub.Hub;
using CommsHub.Mac.Coordinator;
using CommsHub.VirtualBoard.Emulators;
using CommsHub.VirtualBoard.Radio;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests.Radio
{
    /// <summary>
    /// Poll → response latency of the hub with its main loop modelled as the device runs it: each turn costs
    /// <see cref="TurnMicroseconds"/> of device time, and a yield costs a FreeRTOS tick unless the radio's interrupt
    /// ends it (<see cref="WakeMicroseconds"/> later, the event's dispatch). The sleepy device listens
    /// <see cref="EndDeviceMac.FrameWaitMilliseconds"/> after an acknowledgment with frame pending.
    /// </summary>
    [TestClass]
    public class MainLoopLatencyTests
    {
        public const long TurnMicroseconds = 2000;
        public const long TickMicroseconds = 10000;
        public const long WakeMicroseconds = 1000;

        public const int Trials = 24;

        [TestMethod]
        public void TheHubAnswersAPollWellInsideTheSleepyDevicesWaitWhenItYieldsOnlyWhenIdle()
        {
            long[] policy = PollToDataMicroseconds(yieldEveryTurn: false);
            long[] always = PollToDataMicroseconds(yieldEveryTurn: true);
            Console.WriteLine("poll -> data on air over " + Trials + " polls at spread phases of the loop (turn " + TurnMicroseconds / 1000.0 + " ms, tick "
                + TickMicroseconds / 1000.0 + " ms, wake " + WakeMicroseconds / 1000.0 + " ms): MainLoopPolicy with interrupt wake worst " + policy.Max() / 1000.0
                + " ms, mean " + Math.Round(policy.Average() / 1000.0, 2) + " ms; Thread.Sleep(1) every turn worst " + always.Max() / 1000.0 + " ms, mean "
                + Math.Round(always.Average() / 1000.0, 2) + " ms");

            Assert.AreEqual(Trials, policy.Count(l => l != long.MaxValue), "polls left unanswered");
            Assert.IsTrue(policy.Max() < EndDeviceMac.FrameWaitMilliseconds * 1000 / 4, "worst poll -> data " + policy.Max() + " µs");
            Assert.IsTrue(policy.Max() < always.Max() && policy.Average() < always.Average(), policy.Average() + " µs vs " + always.Average() + " µs");
        }

        /// <summary>Per poll, the time from the device's Data Request on air to the start of the hub's data frame.</summary>
        public static long[] PollToDataMicroseconds(bool yieldEveryTurn)
        {
            var bench = new RadioBench(11);
            var (hubChip, hubRadio) = bench.AddRadio("hub");
            var (deviceChip, deviceRadio) = bench.AddRadio("gsme");
            var hub = new CoordinatorMac(hubRadio, bench.Clock, new HostEntropy(), 0x00124B0001A2B3C4, 0x00124B0001A2B3C4);
            var device = new EndDeviceMac(deviceRadio, bench.Clock, 0x00124B0009F8E7D6, sleepy: true);
            bench.OnMainLoop(device.Process);
            hubRadio.Initialize();
            hub.Start(0x1A62, 20);
            hub.PermitJoining = true;

            // The hub's loop runs on the medium's timeline instead of after every event. An idle wait ends at the
            // tick, or (with the policy) when the radio's interrupt sets the event, whichever comes first.
            int turn = 0;
            bool waiting = false;
            bool signalled = false;
            void Turn(int expected)
            {
                if (expected != turn)
                {
                    return;
                }

                turn++;
                waiting = false;
                bench.Clock.RunDueTimers();
                hub.Process();
                int next = turn;

                // The decision is taken as the turn ends, as Program does after Poll returns.
                bench.Medium.Schedule(TurnMicroseconds, () =>
                {
                    bool yield = yieldEveryTurn || MainLoopPolicy.ShouldYield(hubRadio.HasWork);
                    if (!yield)
                    {
                        bench.Medium.Schedule(0, () => Turn(next));
                        return;
                    }

                    if (!yieldEveryTurn && signalled)
                    {
                        // AutoResetEvent: a Set while the loop was busy makes the next WaitOne return at once.
                        signalled = false;
                        bench.Medium.Schedule(0, () => Turn(next));
                        return;
                    }

                    waiting = true;
                    bench.Medium.Schedule(yieldEveryTurn ? TickMicroseconds : MainLoopPolicy.IdleWaitMilliseconds * 1000, () => Turn(next));
                });
            }

            if (!yieldEveryTurn)
            {
                hubRadio.Interrupted += () =>
                {
                    if (!waiting)
                    {
                        signalled = true;
                        return;
                    }

                    waiting = false;
                    int next = turn;
                    bench.Medium.Schedule(WakeMicroseconds, () => Turn(next));
                };
            }

            bench.Medium.Schedule(0, () => Turn(0));
            device.Start(20);
            device.RequestAssociation(0x1A62);
            bench.RunUntil(() => device.AssociationStatus != 0xFF, TimeSpan.FromSeconds(3));
            byte[] payload = { 0x19, 0x05, 0x00, 0x00, 0x64 };
            long[] latencies = new long[Trials];
            for (int trial = 0; trial < Trials; trial++)
            {
                hub.SendData(device.ShortAddress, payload, 0, payload.Length);

                // A step that is prime to the loop period puts each poll at another phase of the hub's loop.
                bench.Run(TimeSpan.FromMicroseconds(100000 + trial * 530));
                int before = bench.Medium.History.Count;
                device.Poll();
                bench.RunUntil(() => device.ReceivedData.Count == trial + 1, TimeSpan.FromMilliseconds(200));

                var after = bench.Medium.History.Skip(before).ToList();
                var poll = after.First(f => f.Sender == deviceChip && (f.Psdu[0] & 0x07) == 3);
                var data = after.FirstOrDefault(f => f.Sender == hubChip && (f.Psdu[0] & 0x07) == 1 && f.StartMicroseconds > poll.StartMicroseconds);
                latencies[trial] = device.ReceivedData.Count == trial + 1 && data != null ? data.StartMicroseconds - poll.StartMicroseconds : long.MaxValue;
            }

            return latencies;
        }
    }
}
