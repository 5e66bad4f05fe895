namespace CommsHub.VirtualBoard.Emulators
{
    /// <summary>
    /// When power fails during a flash operation: at the N-th SPI transaction (counted from 0 since power-on),
    /// with <see cref="Completed"/> of the operation's bytes already changed when it is a program or erase.
    /// </summary>
    public sealed class PowerCut
    {
        public PowerCut(long atTransaction, double completed)
        {
            AtTransaction = atTransaction;
            Completed = completed < 0 ? 0 : completed > 1 ? 1 : completed;
        }

        public long AtTransaction { get; }

        /// <summary>0 = nothing of the interrupted operation happened, 1 = all of it did.</summary>
        public double Completed { get; }
    }
}
