namespace CommsHub.Aps
{
    /// <summary>
    /// A payload the hub sends in fragments: kept whole, cut into blocks of <see cref="BlockSize"/> bytes, sent one
    /// block at a time through an acked frame in flight; the next block goes when the previous one's ack arrives.
    /// </summary>
    public sealed class ApsOutgoingTransfer
    {
        public ApsOutgoingTransfer(int capacity)
        {
            Payload = new byte[capacity];
        }

        public bool InUse { get; set; }

        public byte[] Payload { get; private set; }

        public int Length { get; set; }

        public int BlockSize { get; set; }

        public int Blocks { get; set; }

        /// <summary>The in-flight frame carrying the current block.</summary>
        public ApsFrameInFlight Frame { get; set; }

        /// <summary>Copies block <paramref name="block"/> into <paramref name="f"/> and sets its extended header fields.</summary>
        public void LoadBlock(ApsFrameInFlight f, int block)
        {
            int start = block * BlockSize;
            int length = Length - start < BlockSize ? Length - start : BlockSize;
            System.Array.Copy(Payload, start, f.Payload, 0, length);
            f.Length = length;
            f.Block = (byte)block;
            f.Fragmentation = block == 0 ? ApsFrameType.FirstFragment : ApsFrameType.LaterFragment;

            // The first fragment's block number field carries the block count.
            f.BlockNumber = block == 0 ? (byte)Blocks : (byte)block;
            f.Transmissions = 0;
        }
    }
}
