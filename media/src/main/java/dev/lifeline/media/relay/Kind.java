package dev.lifeline.media.relay;

/** Which socket of a pair: RTP on the even port, RTCP on the odd one above it. */
enum Kind {
    RTP, RTCP
}
