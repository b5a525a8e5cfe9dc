package dev.lifeline.drill.run;

import dev.lifeline.drill.lab.wan.Direction;
import dev.lifeline.drill.lab.wan.WanPacket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Set;

/**
 * A packet on one path's WAN link as that path's emulator saw it, kept by the drill to time the
 * gateway's moves from outside the gateway (the quality probes to the provider's reflector are
 * not kept: the gateway sends them on every path whether it uses the path or not).
 *
 * @param path      the path whose emulator carried it
 * @param at        when it reached the emulator
 * @param direction upstream (from the site) or downstream
 * @param kind      what it was
 * @param detail    the SIP method of a request, the status of a response, else empty
 * @param dropped   the emulator dropped it (a fault, loss, the NAT)
 */
record PathPacket(String path, Instant at, Direction direction, Kind kind, String detail, boolean dropped) {

    enum Kind { SIP_REQUEST, SIP_RESPONSE, RTP, PROBE, OTHER }

    /**
     * Traffic the gateway sends on a path only when it uses the path: a SIP request other than
     * an OPTIONS probe (a REGISTER, an INVITE, a re-INVITE, a BYE), or call media.
     */
    boolean showsUse() {
        return direction == Direction.UPSTREAM && (kind == Kind.RTP
                || kind == Kind.SIP_REQUEST && !detail.equals("OPTIONS"));
    }

    /** Classifies a packet of {@code path}'s emulator; {@code probeTargets} are the reflectors' addresses. */
    static PathPacket of(String path, WanPacket p, Set<InetSocketAddress> probeTargets) {
        InetSocketAddress remote = p.direction() == Direction.UPSTREAM ? p.to() : p.from();
        Kind kind;
        String detail = "";
        if (probeTargets.contains(remote)) {
            kind = Kind.PROBE;
        } else if (p.sipMethod().isPresent()) {
            kind = Kind.SIP_REQUEST;
            detail = p.sipMethod().get();
        } else if (p.sipStatus().isPresent()) {
            kind = Kind.SIP_RESPONSE;
            detail = Integer.toString(p.sipStatus().get());
        } else if (p.isRtp()) {
            kind = Kind.RTP;
        } else {
            kind = Kind.OTHER;
        }
        return new PathPacket(path, p.at(), p.direction(), kind, detail, p.dropped().isPresent());
    }
}
