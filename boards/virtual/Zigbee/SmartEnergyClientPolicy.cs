namespace CommsHub.VirtualBoard.Zigbee
{
    /// <summary>
    /// [decision] How an emulated Smart Energy device paces its registration. A real device retries every step a few
    /// times and, when a step still gets no answer (or CBKE keeps failing), starts the whole sequence again after a
    /// pause rather than giving up for good; these are the numbers the emulated devices use.
    /// </summary>
    public static class SmartEnergyClientPolicy
    {
        /// <summary>How long a ZDO request or attribute read waits for its answer from a rx-on hub (the air's retries included).</summary>
        public const long ResponseMilliseconds = 5000;

        /// <summary>Sends of one request before the step gives up.</summary>
        public const int StepAttempts = 3;

        /// <summary>CBKE exchanges (each after the wait the hub or the device asked for) before the sequence gives up.</summary>
        public const int KeyEstablishmentAttempts = 3;

        /// <summary>Pause before the whole sequence starts again after a step gave up.</summary>
        public const long RestartMilliseconds = 60000;

        /// <summary>Pause between joining (Device_annce) and the first request, as a device lets the network settle.</summary>
        public const long StartMilliseconds = 200;

        /// <summary>A sleepy device hears an answer only when it polls: every wait grows by this many poll periods.</summary>
        public const int SleepyPollsPerWait = 2;
    }
}
