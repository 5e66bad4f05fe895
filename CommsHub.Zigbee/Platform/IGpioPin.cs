namespace CommsHub.Platform
{
    /// <summary>Called from the pin's interrupt context when an enabled edge is seen.</summary>
    public delegate void PinEdgeHandler(IGpioPin pin, bool risingEdge);

    /// <summary>One GPIO line: radio reset and interrupt, flash write-protect and the like.</summary>
    public interface IGpioPin
    {
        int PinNumber { get; }

        bool Read();

        void Write(bool high);

        /// <summary>
        /// Routes rising and/or falling edges to <paramref name="handler"/>; null removes the handler.
        /// Drivers only set a flag there and do the work from the main loop.
        /// </summary>
        void SetEdgeHandler(bool rising, bool falling, PinEdgeHandler handler);
    }
}
