/**
 * RTP and RTCP (RFC 3550): packets read and written in place at byte offsets of a Netty
 * {@code ByteBuf} (§5.1 header, §6.4 SR/RR), receiver statistics with source validation,
 * extended sequence numbers, loss, interval fraction lost and interarrival jitter (§6.4.1,
 * Appendix A.1, A.3, A.8), round-trip time from LSR/DLSR in NTP short format (§6.4.1, §4),
 * and the loss-run burst ratio of ITU-T G.113 Appendix I that the E-model takes as BurstR.
 * RTP/RTCP multiplexed on one port are told apart as RFC 5761 §4 says. No object is created
 * per RTP packet; time always comes from the caller or an injected {@code InstantSource}.
 */
package dev.lifeline.media.rtp;
