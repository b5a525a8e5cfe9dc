package dev.lifeline.media.relay;

/**
 * Notes that the leg's endpoint delivered RTP on the leg's current sockets: how many packets,
 * the last one's arrival and whether it was comfort noise (see {@link LegActivity}). Never drops.
 */
final class Activity implements Stage {

    /** RFC 3389 comfort noise, static payload type (RFC 3551 table 4). */
    static final int COMFORT_NOISE = 13;

    private final RelayLeg leg;

    Activity(RelayLeg leg) {
        this.leg = leg;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (!p.rtcp) {
            int payloadType = p.content.getUnsignedByte(p.content.readerIndex() + 1) & 0x7F;
            leg.noteActivity(p.arrivalNanos, payloadType == COMFORT_NOISE);
        }
        return p;
    }
}
