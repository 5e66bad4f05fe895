namespace CommsHub.Zcl
{
    /// <summary>ZCL Default Response (global command 0x0B): which command it answers, and the status.</summary>
    public static class DefaultResponse
    {
        public const int PayloadLength = 2;

        public static void Encode(ZclWriter writer, bool serverToClient, byte sequence, byte answeredCommandId, byte status)
        {
            ZclHeader.Encode(writer, ZclHeader.FrameTypeGlobal, serverToClient, true, sequence, ZclGlobalCommand.DefaultResponse);
            writer.U8(answeredCommandId);
            writer.U8(status);
        }
    }
}
