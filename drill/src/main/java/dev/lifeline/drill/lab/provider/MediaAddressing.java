package dev.lifeline.drill.lab.provider;

/** Where the provider sends a call's RTP. */
public enum MediaAddressing {
    /** Always to the address in the last SDP (offer or answer, re-INVITE included). */
    SDP,
    /**
     * Symmetric RTP, as providers do for sites behind NAT: to the SDP address until a packet
     * arrives after the last SDP change, then to the source of the latest packet. A re-INVITE
     * switches to its SDP address at once and latches again from there.
     */
    SYMMETRIC
}
