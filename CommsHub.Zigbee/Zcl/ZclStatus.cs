namespace CommsHub.Zcl
{
    /// <summary>ZCL status codes used by the hub's cluster servers (ZCL specification, status enumeration).</summary>
    public static class ZclStatus
    {
        public const byte Success = 0x00;
        public const byte Failure = 0x01;
        public const byte NotAuthorized = 0x7E;
        public const byte MalformedCommand = 0x80;
        public const byte UnsupportedClusterCommand = 0x81;
        public const byte UnsupportedGeneralCommand = 0x82;
        public const byte UnsupportedManufacturerClusterCommand = 0x83;
        public const byte UnsupportedManufacturerGeneralCommand = 0x84;
        public const byte InvalidField = 0x85;
        public const byte UnsupportedAttribute = 0x86;
        public const byte UnreportableAttribute = 0x8C;
        public const byte Abort = 0x95;
        public const byte InvalidImage = 0x96;
        public const byte WaitForData = 0x97;
        public const byte NoImageAvailable = 0x98;
        public const byte RequireMoreImage = 0x99;

        /// <summary>The frame's cluster is not on the endpoint (ZCL revision 6 on; older devices saw UNSUP_CLUSTER_COMMAND).</summary>
        public const byte UnsupportedCluster = 0xC3;

        public static string Name(byte status)
        {
            switch (status)
            {
                case Success: return "SUCCESS";
                case Failure: return "FAILURE";
                case NotAuthorized: return "NOT_AUTHORIZED";
                case MalformedCommand: return "MALFORMED_COMMAND";
                case UnsupportedClusterCommand: return "UNSUP_CLUSTER_COMMAND";
                case UnsupportedGeneralCommand: return "UNSUP_GENERAL_COMMAND";
                case UnsupportedManufacturerClusterCommand: return "UNSUP_MANUF_CLUSTER_COMMAND";
                case UnsupportedManufacturerGeneralCommand: return "UNSUP_MANUF_GENERAL_COMMAND";
                case InvalidField: return "INVALID_FIELD";
                case UnsupportedAttribute: return "UNSUPPORTED_ATTRIBUTE";
                case UnreportableAttribute: return "UNREPORTABLE_ATTRIBUTE";
                case Abort: return "ABORT";
                case InvalidImage: return "INVALID_IMAGE";
                case WaitForData: return "WAIT_FOR_DATA";
                case NoImageAvailable: return "NO_IMAGE_AVAILABLE";
                case RequireMoreImage: return "REQUIRE_MORE_IMAGE";
                case UnsupportedCluster: return "UNSUPPORTED_CLUSTER";
                default: return "status 0x" + CommsHub.Platform.Hex.Format(status, 2);
            }
        }
    }
}
