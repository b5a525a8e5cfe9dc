package dev.lifeline.gateway.calls;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which leg of a call is losing packets: the site's LAN (a bad switch port, Wi-Fi, a duplex
 * mismatch) or the WAN path to the provider. "The internet is up but voice is unusable" is often
 * the LAN, and a WAN failover does not fix it; this names the leg so the operator looks in the
 * right place. A pure function of the legs' readings.
 *
 * <p>Thresholds, each leg judged on its own:
 * <ul>
 *   <li>a leg counts only once {@value #MIN_PACKETS} packets reached the gateway (one second of
 *       20 ms audio): fewer say nothing about a loss rate;</li>
 *   <li>a leg is <em>losing</em> when {@value #LOSING_PERCENT} % or more of its expected packets
 *       never arrived. At 1 % random loss G.711 with concealment already loses about 4 R points
 *       (G.107, Bpl 25.1); a healthy switched LAN loses nothing, and a WAN path this lossy is
 *       worth a look even though the gateway fails over only at far worse figures.</li>
 * </ul>
 * The verdict is the set of sides with a losing leg: {@code lan}, {@code wan}, {@code both};
 * {@code none} when legs were measured and none is losing; {@code unmeasured} without media.
 */
public final class LegBlame {

    /** Packets a leg must have delivered before its loss rate is judged. */
    public static final long MIN_PACKETS = 50;
    /** Loss, in percent of expected packets, from which a leg is losing. */
    public static final double LOSING_PERCENT = 1.0;

    /** What the judgement found. */
    public enum Verdict {
        /** Measured, no leg losing packets. */
        NONE,
        /** Only LAN legs are losing: look at the site's network, not at the WAN. */
        LAN,
        /** Only the WAN leg is losing. */
        WAN,
        /** A LAN leg and the WAN leg are both losing. */
        BOTH,
        /** Too little media on any leg to judge. */
        UNMEASURED;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The verdict and one line for the operator, e.g. "LAN leg losing 4.1 % from the phone 1001".
     */
    public record Blame(Verdict verdict, String reason) {
    }

    private LegBlame() {
    }

    public static Blame judge(List<LegReading> legs) {
        List<LegReading> measured = legs.stream().filter(l -> l.packets() >= MIN_PACKETS).toList();
        if (measured.isEmpty()) {
            return new Blame(Verdict.UNMEASURED, "too little media to judge (under " + MIN_PACKETS
                    + " packets on every leg)");
        }
        List<LegReading> losing = measured.stream().filter(l -> l.lossPercent() >= LOSING_PERCENT).toList();
        Set<LegSide> sides = EnumSet.noneOf(LegSide.class);
        losing.forEach(l -> sides.add(l.side()));
        if (sides.isEmpty()) {
            return new Blame(Verdict.NONE, "no leg losing packets (" + figures(measured) + ")");
        }
        if (sides.size() == 2) {
            return new Blame(Verdict.BOTH, "both legs losing: " + figures(losing));
        }
        LegSide side = sides.iterator().next();
        String what = side.name() + (losing.size() > 1 ? " legs" : " leg");
        return new Blame(side == LegSide.LAN ? Verdict.LAN : Verdict.WAN, what + " losing " + amounts(losing));
    }

    /** "LAN 4.1 % from the phone 1001, WAN 0.0 % from the provider". */
    private static String figures(List<LegReading> legs) {
        List<String> parts = new ArrayList<>();
        legs.forEach(l -> parts.add(l.side().name() + " " + amount(l)));
        return String.join(", ", parts);
    }

    private static String amounts(List<LegReading> legs) {
        return String.join(" and ", legs.stream().map(LegBlame::amount).toList());
    }

    private static String amount(LegReading l) {
        return String.format(Locale.ROOT, "%.1f %% from %s", l.lossPercent(), l.from());
    }
}
