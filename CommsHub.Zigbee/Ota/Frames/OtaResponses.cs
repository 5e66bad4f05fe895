using CommsHub.Zcl;

namespace CommsHub.Ota.Frames
{
    /// <summary>
    /// Encoders for what the OTA server sends. Every response is cluster-specific, server to client, with
    /// default responses disabled, and reuses the request's sequence number.
    /// </summary>
    public static class OtaResponses
    {
        /// <summary>Bytes an Image Block Response carries besides its data: ZCL header 3 + status, ids, offset, size 14.</summary>
        public const int ImageBlockResponseOverhead = 17;

        /// <summary>Image Notify with payload type 3 (jitter, manufacturer, image type, file version); unicast.</summary>
        public static void ImageNotify(ZclWriter writer, byte sequence, byte queryJitter, OtaImageId image)
        {
            // Image Notify is a request from the server, so unlike the responses it leaves default responses enabled.
            ZclHeader.Encode(writer, ZclHeader.FrameTypeClusterSpecific, true, false, sequence, OtaCommand.ImageNotify);
            writer.U8(0x03);
            writer.U8(queryJitter);
            writer.U16(image.ManufacturerCode);
            writer.U16(image.ImageType);
            writer.U32(image.FileVersion);
        }

        public static void QueryNextImageAvailable(ZclWriter writer, byte sequence, OtaImageId image, uint imageSize)
        {
            Header(writer, sequence, OtaCommand.QueryNextImageResponse);
            writer.U8(ZclStatus.Success);
            writer.U16(image.ManufacturerCode);
            writer.U16(image.ImageType);
            writer.U32(image.FileVersion);
            writer.U32(imageSize);
        }

        public static void QueryNextImageStatus(ZclWriter writer, byte sequence, byte status)
        {
            Header(writer, sequence, OtaCommand.QueryNextImageResponse);
            writer.U8(status);
        }

        /// <summary>Writes a SUCCESS Image Block Response up to its data; returns where the data goes.</summary>
        public static int ImageBlockSuccess(ZclWriter writer, byte sequence, OtaImageId image, uint fileOffset, int dataSize)
        {
            Header(writer, sequence, OtaCommand.ImageBlockResponse);
            writer.U8(ZclStatus.Success);
            writer.U16(image.ManufacturerCode);
            writer.U16(image.ImageType);
            writer.U32(image.FileVersion);
            writer.U32(fileOffset);
            writer.U8(dataSize);
            return writer.Skip(dataSize);
        }

        /// <summary>WAIT_FOR_DATA with currentTime 0, so requestTime is "this many seconds from now".</summary>
        public static void ImageBlockWait(ZclWriter writer, byte sequence, uint requestDelaySeconds, ushort minimumBlockPeriod)
        {
            Header(writer, sequence, OtaCommand.ImageBlockResponse);
            writer.U8(ZclStatus.WaitForData);
            writer.U32(0);
            writer.U32(requestDelaySeconds);
            writer.U16(minimumBlockPeriod);
        }

        public static void ImageBlockAbort(ZclWriter writer, byte sequence)
        {
            Header(writer, sequence, OtaCommand.ImageBlockResponse);
            writer.U8(ZclStatus.Abort);
        }

        /// <summary>Upgrade End Response with currentTime 0: upgradeTime 0 means now, 0xFFFFFFFF wait for a later command.</summary>
        public static void UpgradeEnd(ZclWriter writer, byte sequence, OtaImageId image, uint upgradeTime)
        {
            Header(writer, sequence, OtaCommand.UpgradeEndResponse);
            writer.U16(image.ManufacturerCode);
            writer.U16(image.ImageType);
            writer.U32(image.FileVersion);
            writer.U32(0);
            writer.U32(upgradeTime);
        }

        private static void Header(ZclWriter writer, byte sequence, byte commandId)
        {
            ZclHeader.Encode(writer, ZclHeader.FrameTypeClusterSpecific, true, true, sequence, commandId);
        }
    }
}
