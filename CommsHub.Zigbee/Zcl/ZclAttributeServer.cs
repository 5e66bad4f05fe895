using System;

namespace CommsHub.Zcl
{
    /// <summary>
    /// The server side of one cluster whose only business is its attributes: it answers the ZCL foundation
    /// commands (Read Attributes, Discover Attributes, Configure Reporting) from an attribute table and refuses
    /// everything else with the Default Response status ZCL names for it. A pure frame-in, frame-out step: the
    /// stack hands it a received ZCL frame and sends what it writes back to the sender on the same cluster.
    /// Reusable and allocation-free for good frames.
    /// </summary>
    public sealed class ZclAttributeServer
    {
        /// <summary>The smallest response buffer that can hold a Default Response.</summary>
        public const int MinimumResponseCapacity = 3 + DefaultResponse.PayloadLength;

        private readonly ZclReader _reader = new ZclReader();
        private readonly ZclWriter _writer = new ZclWriter();
        private readonly ZclHeader _header = new ZclHeader();

        public ZclAttributeServer(ushort clusterId, ZclAttributeTable attributes)
        {
            if (attributes == null)
            {
                throw new ArgumentNullException("attributes");
            }

            ClusterId = clusterId;
            Attributes = attributes;
        }

        public ushort ClusterId { get; private set; }

        public ZclAttributeTable Attributes { get; private set; }

        /// <summary>Why the last frame was refused or dropped, for logs; null after a good frame.</summary>
        public string LastRejection { get; private set; }

        /// <summary>
        /// Handles one received ZCL frame and writes the answer into <paramref name="response"/>, using at most
        /// <paramref name="responseCapacity"/> bytes (what fits in one APS frame back to the sender). Returns the
        /// answer's length, or 0 when nothing is to be sent (unreadable header, a frame meant for a client, a
        /// Default Response, a capacity too small for any answer). Never throws on the frame's contents.
        /// </summary>
        public int Handle(byte[] frame, int offset, int length, byte[] response, int responseOffset, int responseCapacity)
        {
            LastRejection = null;
            if (response == null || responseOffset < 0 || responseCapacity < MinimumResponseCapacity || responseOffset + responseCapacity > response.Length)
            {
                LastRejection = "response buffer cannot hold a Default Response";
                return 0;
            }

            _reader.Reset(frame, offset, length);
            if (!_header.Decode(_reader))
            {
                LastRejection = "unreadable ZCL header: " + _reader.Failure;
                return 0;
            }

            if (_header.ServerToClient)
            {
                LastRejection = "frame goes server to client, not to this server";
                return 0;
            }

            _writer.Reset(response, responseOffset);
            int end = responseOffset + responseCapacity;
            if (_header.FrameType == ZclHeader.FrameTypeClusterSpecific)
            {
                return Refuse(_header.ManufacturerSpecific ? ZclStatus.UnsupportedManufacturerClusterCommand : ZclStatus.UnsupportedClusterCommand, "cluster command");
            }

            if (_header.ManufacturerSpecific)
            {
                return Refuse(ZclStatus.UnsupportedManufacturerGeneralCommand, "manufacturer-specific general command");
            }

            bool answered;
            switch (_header.CommandId)
            {
                case ZclGlobalCommand.DefaultResponse:
                    return 0;
                case ZclGlobalCommand.ReadAttributes:
                    answered = ReadAttributes.Respond(_reader, Attributes, _header.Sequence, _writer, end);
                    break;
                case ZclGlobalCommand.DiscoverAttributes:
                    answered = DiscoverAttributes.Respond(_reader, Attributes, _header.Sequence, _writer, end);
                    break;
                case ZclGlobalCommand.ConfigureReporting:
                    int payloadAt = _reader.Position;
                    answered = ConfigureReporting.Respond(_reader, frame, payloadAt, offset + length - payloadAt, Attributes, _header.Sequence, _writer, end);
                    break;
                default:
                    return Refuse(ZclStatus.UnsupportedGeneralCommand, "general command");
            }

            if (!answered)
            {
                LastRejection = _reader.Failure;
                _writer.Reset(response, responseOffset);
                DefaultResponse.Encode(_writer, true, _header.Sequence, _header.CommandId, ZclStatus.MalformedCommand);
            }

            return _writer.Length;
        }

        private int Refuse(byte status, string what)
        {
            LastRejection = what + " 0x" + CommsHub.Platform.Hex.Format(_header.CommandId, 2) + " is not supported on cluster 0x" + CommsHub.Platform.Hex.Format(ClusterId, 4);
            DefaultResponse.Encode(_writer, true, _header.Sequence, _header.CommandId, status);
            return _writer.Length;
        }
    }
}
