package dev.lifeline.drill.lab.wan;

/** Which way a packet crosses the emulated WAN link. */
public enum Direction {
    /** Site → provider: from the gateway's path address out through the NAT. */
    UPSTREAM,
    /** Provider → site: to a NAT mapping and back to the inside source. */
    DOWNSTREAM
}
