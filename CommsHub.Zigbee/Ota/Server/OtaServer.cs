using System;
using System.Collections;
using CommsHub.Ota.Frames;
using CommsHub.Platform;
using CommsHub.Zcl;

namespace CommsHub.Ota.Server
{
    /// <summary>
    /// Zigbee OTA Upgrade cluster server. Every request is answered from its own fields (stateless serving);
    /// per-device records exist only for progress, pacing and the concurrency cap. Nothing here sleeps:
    /// page responses are spaced with clock timers. One frame buffer is reused for every response.
    /// </summary>
    public sealed class OtaServer
    {
        private const int LargestResponse = OtaResponses.ImageBlockResponseOverhead + 255;

        private readonly IOtaImagePolicy _policy;
        private readonly IZclSender _sender;
        private readonly IClock _clock;
        private readonly OtaServerSettings _settings;
        private readonly ArrayList _clients = new ArrayList();
        private readonly byte[] _frame = new byte[LargestResponse];
        private readonly ZclReader _reader = new ZclReader();
        private readonly ZclWriter _writer = new ZclWriter();
        private readonly ZclHeader _header = new ZclHeader();
        private readonly QueryNextImageRequest _query = new QueryNextImageRequest();
        private readonly ImageBlockRequest _block = new ImageBlockRequest();
        private readonly ImagePageRequest _page = new ImagePageRequest();
        private readonly UpgradeEndRequest _end = new UpgradeEndRequest();
        private readonly ClockTimerCallback _sendNextPageBlock;
        private byte _sequence;

        public OtaServer(IOtaImagePolicy policy, IZclSender sender, IClock clock, OtaServerSettings settings)
        {
            if (policy == null || sender == null || clock == null)
            {
                throw new ArgumentNullException(policy == null ? "policy" : sender == null ? "sender" : "clock");
            }

            _policy = policy;
            _sender = sender;
            _clock = clock;
            _settings = settings == null ? new OtaServerSettings() : settings;
            _sendNextPageBlock = SendNextPageBlock;
        }

        /// <summary>Frames dropped because not even a ZCL header could be read from them.</summary>
        public int UnreadableFrames { get; private set; }

        /// <summary>Why the last frame was refused, for logs; null after a good frame.</summary>
        public string LastRejection { get; private set; }

        /// <summary>
        /// Handles one ZCL frame the APS layer delivered on the OTA cluster. <paramref name="maximumApsPayload"/>
        /// is what fits in one unfragmented APS frame back to this device after NWK and APS security and any
        /// source route; block sizes never exceed it.
        /// </summary>
        public void Receive(ulong source, byte[] frame, int offset, int length, int maximumApsPayload)
        {
            LastRejection = null;
            _reader.Reset(frame, offset, length);
            if (!_header.Decode(_reader))
            {
                UnreadableFrames++;
                LastRejection = "unreadable ZCL header: " + _reader.Failure;
                return;
            }

            if (_header.ServerToClient)
            {
                return;
            }

            OtaClient client = ClientFor(source);
            if (_header.FrameType == ZclHeader.FrameTypeGlobal)
            {
                // Clients send Default Responses to our Image Notify and sometimes to block responses: tolerated silently.
                if (_header.CommandId != ZclGlobalCommand.DefaultResponse)
                {
                    SendDefaultResponse(source, ZclStatus.UnsupportedGeneralCommand);
                }

                return;
            }

            if (_header.ManufacturerSpecific)
            {
                SendDefaultResponse(source, ZclStatus.UnsupportedManufacturerClusterCommand);
                return;
            }

            switch (_header.CommandId)
            {
                case OtaCommand.QueryNextImageRequest:
                    OnQueryNextImage(source);
                    break;
                case OtaCommand.ImageBlockRequest:
                    client.StopPage();
                    OnImageBlock(client, maximumApsPayload);
                    break;
                case OtaCommand.ImagePageRequest:
                    client.StopPage();
                    OnImagePage(client, maximumApsPayload);
                    break;
                case OtaCommand.UpgradeEndRequest:
                    client.StopPage();
                    OnUpgradeEnd(client);
                    break;
                default:
                    // Query Device Specific File and anything unknown: not implemented by this server.
                    SendDefaultResponse(source, ZclStatus.UnsupportedClusterCommand);
                    break;
            }
        }

        /// <summary>Tells a device an image is waiting (unicast, payload type 3). Sleepy devices will not hear it.</summary>
        public void NotifyImageAvailable(ulong device, OtaOffer offer)
        {
            _writer.Reset(_frame, 0);
            OtaResponses.ImageNotify(_writer, _sequence++, _settings.ImageNotifyQueryJitter, offer.Id);
            _sender.Send(device, _frame, 0, _writer.Length);
        }

        /// <summary>Devices that asked for a block within the active window.</summary>
        public int ActiveDownloads(ulong except)
        {
            long now = _clock.MonotonicMilliseconds;
            int active = 0;
            for (int i = 0; i < _clients.Count; i++)
            {
                OtaClient c = (OtaClient)_clients[i];
                if (c.Device != except && c.LastBlockAt != long.MinValue && now - c.LastBlockAt < _settings.ActiveWindowMilliseconds)
                {
                    active++;
                }
            }

            return active;
        }

        private void OnQueryNextImage(ulong source)
        {
            if (!_query.Decode(_reader))
            {
                Malformed(source);
                return;
            }

            OtaOffer offer = _policy.OfferFor(source);
            byte answer = ZclStatus.NoImageAvailable;
            if (offer != null && offer.Id.ManufacturerCode == _query.ManufacturerCode && offer.Id.ImageType == _query.ImageType)
            {
                if (_query.HasHardwareVersion && !offer.File.Header.AcceptsHardware(_query.HardwareVersion))
                {
                    _policy.HardwareMismatch(source, offer, _query.HardwareVersion);
                }
                else
                {
                    answer = ZclStatus.Success;
                }
            }

            _writer.Reset(_frame, 0);
            if (answer == ZclStatus.Success)
            {
                OtaResponses.QueryNextImageAvailable(_writer, _header.Sequence, offer.Id, offer.ImageSize);
            }
            else
            {
                OtaResponses.QueryNextImageStatus(_writer, _header.Sequence, answer);
            }

            _sender.Send(source, _frame, 0, _writer.Length);
            _policy.QueryNextImage(source, _query.CurrentFileVersion, _query.HasHardwareVersion, _query.HardwareVersion, answer);
        }

        private void OnImageBlock(OtaClient client, int maximumApsPayload)
        {
            if (!_block.Decode(_reader))
            {
                Malformed(client.Device);
                return;
            }

            OtaOffer offer = CheckedOffer(client, _block.ManufacturerCode, _block.ImageType, _block.FileVersion, _block.FileOffset, _block.MaximumDataSize);
            if (offer == null)
            {
                return;
            }

            ushort period = _block.HasMinimumBlockPeriod ? _block.MinimumBlockPeriod : (ushort)0;
            if (MustWait(client, period))
            {
                return;
            }

            int size = BlockSize(offer, _block.FileOffset, _block.MaximumDataSize, maximumApsPayload);
            SendBlock(client, offer, _header.Sequence, _block.FileOffset, size);
        }

        private void OnImagePage(OtaClient client, int maximumApsPayload)
        {
            if (!_page.Decode(_reader))
            {
                Malformed(client.Device);
                return;
            }

            if (_page.PageSize == 0)
            {
                LastRejection = "Image Page Request with page size 0";
                SendDefaultResponse(client.Device, ZclStatus.MalformedCommand);
                return;
            }

            OtaOffer offer = CheckedOffer(client, _page.ManufacturerCode, _page.ImageType, _page.FileVersion, _page.FileOffset, _page.MaximumDataSize);
            if (offer == null || MustWait(client, 0))
            {
                return;
            }

            uint pageEnd = _page.FileOffset + _page.PageSize;
            client.PageActive = true;
            client.PageOffer = offer;
            client.PageNext = _page.FileOffset;
            client.PageEnd = pageEnd < offer.ImageSize ? pageEnd : offer.ImageSize;
            client.PageBlockSize = BlockSize(offer, _page.FileOffset, _page.MaximumDataSize, maximumApsPayload);
            client.PageSequence = _header.Sequence;
            int floor = PageSpacingPolicy.FloorMicroseconds(maximumApsPayload, client.PageBlockSize);
            client.PageSpacingMicroseconds = PageSpacingPolicy.SpacingMicroseconds(_page.ResponseSpacing, floor, _settings.MaximumPageSpacingMilliseconds);
            client.PageDueAtMicroseconds = _clock.MonotonicMilliseconds * 1000L;
            SendNextPageBlock(client);
        }

        private void SendNextPageBlock(object state)
        {
            OtaClient client = (OtaClient)state;
            client.PageTimer = null;
            if (!client.PageActive || client.PageNext >= client.PageEnd)
            {
                client.StopPage();
                return;
            }

            OtaOffer current = _policy.OfferFor(client.Device);
            if (current != client.PageOffer)
            {
                // The image was replaced or withdrawn mid-page: stop rather than serve bytes of a discarded image.
                client.StopPage();
                return;
            }

            uint remaining = client.PageEnd - client.PageNext;
            int size = remaining < (uint)client.PageBlockSize ? (int)remaining : client.PageBlockSize;
            uint offset = client.PageNext;
            client.PageNext += (uint)size;
            SendBlock(client, client.PageOffer, client.PageSequence, offset, size);
            if (client.PageNext < client.PageEnd)
            {
                client.PageTimer = _clock.StartTimer(NextPageBlockDelay(client), _sendNextPageBlock, client);
            }
            else
            {
                client.StopPage();
            }
        }

        /// <summary>
        /// Milliseconds until the page's next block, kept on a microsecond schedule so the pace averages the spacing
        /// exactly. A block sent late (the main loop was busy or idle when its timer fell due) is caught up by sending
        /// the next one at once, to wait in the radio's queue behind it, but no more: the schedule then goes on from
        /// now rather than bursting blocks into a queue that every other device's frames share.
        /// </summary>
        private long NextPageBlockDelay(OtaClient client)
        {
            long nowMilliseconds = _clock.MonotonicMilliseconds;
            long due = client.PageDueAtMicroseconds + client.PageSpacingMicroseconds;
            long earliest = nowMilliseconds * 1000L;
            client.PageDueAtMicroseconds = due < earliest ? earliest : due;
            long dueMilliseconds = (client.PageDueAtMicroseconds + 999) / 1000;
            return dueMilliseconds > nowMilliseconds ? dueMilliseconds - nowMilliseconds : 0;
        }

        private void OnUpgradeEnd(OtaClient client)
        {
            if (!_end.Decode(_reader))
            {
                Malformed(client.Device);
                return;
            }

            OtaOffer offer = _policy.OfferFor(client.Device);
            bool ours = offer != null && offer.Id.Matches(_end.ManufacturerCode, _end.ImageType, _end.FileVersion);
            bool downloadSeen = client.DownloadSeen && client.DownloadFileVersion == _end.FileVersion;
            if (!ours)
            {
                LastRejection = "Upgrade End Request for an image this device was not offered";
                SendDefaultResponse(client.Device, _end.Status == ZclStatus.Success ? ZclStatus.NoImageAvailable : ZclStatus.Success);
                return;
            }

            bool counts = _policy.UpgradeEnded(client.Device, offer, _end.Status, downloadSeen);
            if (_end.Status == ZclStatus.Success && counts)
            {
                _writer.Reset(_frame, 0);
                OtaResponses.UpgradeEnd(_writer, _header.Sequence, offer.Id, UpgradeTimePolicy.For(offer.Kind));
                _sender.Send(client.Device, _frame, 0, _writer.Length);
            }
            else
            {
                SendDefaultResponse(client.Device, ZclStatus.Success);
            }

            client.DownloadSeen = false;
        }

        /// <summary>The offer this request may be served from, or null once the refusal has been sent.</summary>
        private OtaOffer CheckedOffer(OtaClient client, ushort manufacturer, ushort imageType, uint fileVersion, uint fileOffset, byte maximumDataSize)
        {
            OtaOffer offer = _policy.OfferFor(client.Device);
            if (offer == null || !offer.Id.Matches(manufacturer, imageType, fileVersion))
            {
                LastRejection = "block request for an image this device is not offered";
                _writer.Reset(_frame, 0);
                OtaResponses.ImageBlockAbort(_writer, _header.Sequence);
                _sender.Send(client.Device, _frame, 0, _writer.Length);
                return null;
            }

            if (fileOffset >= offer.ImageSize || maximumDataSize == 0)
            {
                LastRejection = maximumDataSize == 0 ? "maximum data size 0" : "file offset at or past the end of the image";
                SendDefaultResponse(client.Device, ZclStatus.MalformedCommand);
                return null;
            }

            return offer;
        }

        private bool MustWait(OtaClient client, ushort requestedPeriod)
        {
            long now = _clock.MonotonicMilliseconds;
            bool holdsSlot = client.LastBlockAt != long.MinValue && now - client.LastBlockAt < _settings.ActiveWindowMilliseconds;
            uint delaySeconds;
            if (!holdsSlot && ActiveDownloads(client.Device) >= _settings.MaximumConcurrentDownloads)
            {
                delaySeconds = _settings.BusyRetryDelaySeconds;
            }
            else if (_settings.MinimumBlockPeriodMilliseconds > 0 && holdsSlot && now - client.LastBlockAt < _settings.MinimumBlockPeriodMilliseconds
                && _block.FileOffset != client.LastOffset)
            {
                delaySeconds = 0;
            }
            else
            {
                return false;
            }

            ushort period = requestedPeriod > _settings.MinimumBlockPeriodMilliseconds ? requestedPeriod : _settings.MinimumBlockPeriodMilliseconds;
            _writer.Reset(_frame, 0);
            OtaResponses.ImageBlockWait(_writer, _header.Sequence, delaySeconds, period);
            _sender.Send(client.Device, _frame, 0, _writer.Length);
            return true;
        }

        private static int BlockSize(OtaOffer offer, uint fileOffset, byte maximumDataSize, int maximumApsPayload)
        {
            int fits = maximumApsPayload - OtaResponses.ImageBlockResponseOverhead;
            if (fits < 1)
            {
                throw new ArgumentOutOfRangeException("maximumApsPayload", "An APS payload of " + maximumApsPayload.ToString()
                    + " bytes cannot carry an Image Block Response");
            }

            int size = maximumDataSize < fits ? maximumDataSize : fits;
            uint left = offer.ImageSize - fileOffset;
            return left < (uint)size ? (int)left : size;
        }

        private void SendBlock(OtaClient client, OtaOffer offer, byte sequence, uint fileOffset, int size)
        {
            _writer.Reset(_frame, 0);
            int dataAt = OtaResponses.ImageBlockSuccess(_writer, sequence, offer.Id, fileOffset, size);
            offer.File.ReadImage((int)fileOffset, _frame, dataAt, size);
            _sender.Send(client.Device, _frame, 0, _writer.Length);

            bool first = !client.DownloadSeen || client.DownloadFileVersion != offer.Id.FileVersion;
            client.DownloadSeen = true;
            client.DownloadFileVersion = offer.Id.FileVersion;
            client.LastBlockAt = _clock.MonotonicMilliseconds;
            client.LastOffset = fileOffset;
            client.BytesServed += size;
            _policy.BlockServed(client.Device, offer, fileOffset, size, first);
        }

        private void Malformed(ulong device)
        {
            LastRejection = OtaCommand.Name(_header.CommandId) + ": " + _reader.Failure;
            SendDefaultResponse(device, ZclStatus.MalformedCommand);
        }

        private void SendDefaultResponse(ulong device, byte status)
        {
            _writer.Reset(_frame, 0);
            DefaultResponse.Encode(_writer, true, _header.Sequence, _header.CommandId, status);
            _sender.Send(device, _frame, 0, _writer.Length);
        }

        private OtaClient ClientFor(ulong device)
        {
            long now = _clock.MonotonicMilliseconds;
            OtaClient oldest = null;
            for (int i = 0; i < _clients.Count; i++)
            {
                OtaClient c = (OtaClient)_clients[i];
                if (c.Device == device)
                {
                    c.LastHeardAt = now;
                    return c;
                }

                if (oldest == null || c.LastHeardAt < oldest.LastHeardAt)
                {
                    oldest = c;
                }
            }

            if (_clients.Count >= _settings.MaximumClientRecords && oldest != null)
            {
                oldest.StopPage();
                _clients.Remove(oldest);
            }

            OtaClient client = new OtaClient();
            client.Device = device;
            client.LastHeardAt = now;
            _clients.Add(client);
            return client;
        }
    }
}
