using System;
using System.Collections.Generic;
using CommsHub.Clusters.Basic;
using CommsHub.Clusters.KeepAlive;
using CommsHub.Clusters.Time;
using CommsHub.Tests.Clusters;
using CommsHub.Zcl;

namespace CommsHub.Tests.HostTests.Zcl
{
    /// <summary>One request to a cluster server and the response it wrote.</summary>
    public sealed record ZclExchange(ushort Cluster, ZclAttributeTable Table, byte[] Request, byte[] Response);

    /// <summary>
    /// Requests a HAN device sends to the hub's Basic, Time and Keep-Alive servers (good ones and bad ones), and
    /// what the servers answer: the material the oracle tests hand to decoders we did not write.
    /// </summary>
    public static class ZclServerExchanges
    {
        public static List<ZclExchange> All()
        {
            var list = new List<ZclExchange>();
            byte sequence = 1;
            var basic = new BasicServer().Server;
            var keepAlive = new KeepAliveServer().Server;

            var clock = new SettableClock { UtcNow = new DateTime(2026, 7, 14, 9, 30, 0) };
            var trusted = new TimeServer(clock);
            trusted.OnClockSetByWan();
            var untrusted = new TimeServer(new SettableClock { UtcNow = new DateTime(2026, 7, 14, 9, 30, 0) });

            foreach (var server in new[] { basic, keepAlive, trusted.Server, untrusted.Server })
            {
                var ids = new List<ushort>();
                for (int i = 0; i < server.Attributes.Count; i++)
                {
                    ids.Add(server.Attributes.At(i).Id);
                }

                ids.Add(0x0F00);
                Add(list, server, Global(sequence++, ZclGlobalCommand.ReadAttributes, Ids(ids)));
                Add(list, server, Global(sequence++, ZclGlobalCommand.ReadAttributes, Ids(new List<ushort> { 0x4444 })));
                Add(list, server, Global(sequence++, ZclGlobalCommand.DiscoverAttributes, new byte[] { 0x00, 0x00, 0xFF }));
                Add(list, server, Global(sequence++, ZclGlobalCommand.DiscoverAttributes, new byte[] { 0x01, 0x00, 0x02 }));
                Add(list, server, Global(sequence++, ZclGlobalCommand.ConfigureReporting, new byte[]
                {
                    0x00, (byte)ids[0], (byte)(ids[0] >> 8), 0x20, 0x01, 0x00, 0x10, 0x0E, 0x01,
                    0x01, 0x99, 0x09, 0x3C, 0x00,
                }));

                // Bad input: a truncated Read Attributes, an unknown general command, a cluster command, a short Discover.
                Add(list, server, Global(sequence++, ZclGlobalCommand.ReadAttributes, new byte[] { 0x00 }));
                Add(list, server, Global(sequence++, 0x02, new byte[] { 0x00, 0x00, 0x20, 0x01 }));
                Add(list, server, new byte[] { 0x01, sequence++, 0x00 });
                Add(list, server, Global(sequence++, ZclGlobalCommand.DiscoverAttributes, new byte[] { 0x00 }));
            }

            return list;
        }

        private static void Add(List<ZclExchange> list, ZclAttributeServer server, byte[] request)
        {
            byte[] response = new byte[120];
            int n = server.Handle(request, 0, request.Length, response, 0, response.Length);
            if (n == 0)
            {
                throw new InvalidOperationException("no answer to " + Convert.ToHexString(request) + ": " + server.LastRejection);
            }

            list.Add(new ZclExchange(server.ClusterId, server.Attributes, request, response.AsSpan(0, n).ToArray()));
        }

        private static byte[] Global(byte sequence, byte command, byte[] payload)
        {
            var frame = new byte[3 + payload.Length];
            frame[0] = 0x00;
            frame[1] = sequence;
            frame[2] = command;
            payload.CopyTo(frame, 3);
            return frame;
        }

        private static byte[] Ids(List<ushort> ids)
        {
            var bytes = new byte[ids.Count * 2];
            for (int i = 0; i < ids.Count; i++)
            {
                bytes[2 * i] = (byte)ids[i];
                bytes[(2 * i) + 1] = (byte)(ids[i] >> 8);
            }

            return bytes;
        }
    }
}
