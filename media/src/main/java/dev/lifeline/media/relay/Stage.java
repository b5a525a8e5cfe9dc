package dev.lifeline.media.relay;

/**
 * One small step of a leg's media path (validate → latch → measure → forward), in the manner of
 * jitsi-videobridge's transformers: it returns the packet to pass on, or {@code null} once it has
 * counted why it dropped it.
 */
interface Stage {

    RelayPacket process(RelayPacket packet);

    /** Runs stages in order until one drops the packet. */
    static void run(Stage[] chain, RelayPacket packet) {
        RelayPacket p = packet;
        for (int i = 0; i < chain.length && p != null; i++) {
            p = chain[i].process(p);
        }
    }
}
