package dev.lifeline.drill.lab.provider;

/** What the provider sends on a call's RTP stream. */
public enum MediaMode {
    /** Sends back every RTP packet that arrives, its SSRC replaced by the provider's own. */
    ECHO,
    /** Sends a generated 1004 Hz G.711 µ-law tone every 20 ms ({@link TestSignal}), whatever arrives. */
    TEST_SIGNAL,
    /** Sends nothing; only counts what arrives (one-way audio from the provider's side). */
    LISTEN,
    /**
     * A far end that talks, then listens: the test signal for its first second, then only RFC 3389
     * comfort noise (payload type 13, one SID packet every 500 ms) for the rest of the call, as a
     * phone with silence suppression sends while its user is quiet.
     */
    QUIET
}
