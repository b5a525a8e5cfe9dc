package dev.lifeline.drill.lab.provider;

/** What the provider sends on a call's RTP stream. */
public enum MediaMode {
    /** Sends back every RTP packet that arrives, its SSRC replaced by the provider's own. */
    ECHO,
    /** Sends a generated 1004 Hz G.711 µ-law tone every 20 ms ({@link TestSignal}), whatever arrives. */
    TEST_SIGNAL,
    /** Sends nothing; only counts what arrives (one-way audio from the provider's side). */
    LISTEN
}
