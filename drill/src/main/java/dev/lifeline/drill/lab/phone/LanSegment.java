package dev.lifeline.drill.lab.phone;

import dev.lifeline.drill.lab.wan.Impairment;
import dev.lifeline.drill.lab.wan.LinkDecision;
import dev.lifeline.drill.lab.wan.LinkModel;
import dev.lifeline.drill.lab.wan.LinkState;
import dev.lifeline.drill.lab.wan.LinkStep;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The LAN between one lab phone and the gateway — its switch port, Wi-Fi or cable — for the
 * phone's RTP. Clean by default; a drill impairs it (loss, jitter) to play the bad switch port
 * that the WAN is wrongly blamed for. The packets it drops are never written to the socket (on
 * the way to the gateway) or never reach the jitter buffer (on the way to the phone): the
 * gateway's relay and the phone see them missing, as on a real lossy port. The decision per
 * packet is the WAN emulator's pure {@link LinkModel}; SIP signalling is not impaired (a lossy
 * port retransmits SIP over seconds, which is not what this models).
 *
 * <p>The model state is touched only on the {@link PhoneRuntime}'s thread; the impairment may
 * be set from any thread.
 */
public final class LanSegment {

    /** Which way a packet crosses the phone's LAN. */
    public enum Way {
        /** Phone → gateway. */
        TO_GATEWAY,
        /** Gateway → phone. */
        TO_PHONE
    }

    private final AtomicReference<Impairment> toGateway = new AtomicReference<>(Impairment.NONE);
    private final AtomicReference<Impairment> toPhone = new AtomicReference<>(Impairment.NONE);
    private final AtomicLong[] passed = {new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] dropped = {new AtomicLong(), new AtomicLong()};
    private final SplittableRandom random;
    private LinkState upState = LinkState.INITIAL;
    private LinkState downState = LinkState.INITIAL;

    LanSegment(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Sets what the segment does to packets going {@code way}; {@link Impairment#NONE} cleans it. */
    public void set(Way way, Impairment impairment) {
        Objects.requireNonNull(impairment, "impairment");
        (way == Way.TO_GATEWAY ? toGateway : toPhone).set(impairment);
    }

    public Impairment impairment(Way way) {
        return (way == Way.TO_GATEWAY ? toGateway : toPhone).get();
    }

    /** RTP packets the segment delivered going {@code way}, since the phone started. */
    public long passed(Way way) {
        return passed[way.ordinal()].get();
    }

    /** RTP packets the segment dropped going {@code way}, since the phone started. */
    public long dropped(Way way) {
        return dropped[way.ordinal()].get();
    }

    /**
     * The fate of one packet of {@code size} bytes going {@code way} at {@code now} nanos: when to
     * hand it on (at or after {@code now}), or {@link Long#MIN_VALUE} to drop it. On the runtime's thread.
     */
    long decide(Way way, int size, long now) {
        boolean up = way == Way.TO_GATEWAY;
        Impairment imp = impairment(way);
        if (imp.equals(Impairment.NONE)) {
            passed[way.ordinal()].incrementAndGet();
            return now;
        }
        LinkStep step = LinkModel.next(up ? upState : downState, imp, size, now, random);
        if (up) {
            upState = step.state();
        } else {
            downState = step.state();
        }
        if (step.decision() instanceof LinkDecision.Deliver d) {
            passed[way.ordinal()].incrementAndGet();
            return Math.max(now, d.atNanos());
        }
        dropped[way.ordinal()].incrementAndGet();
        return Long.MIN_VALUE;
    }
}
