package dev.lifeline.gateway.path;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A simulated WAN link: what happens to a packet sent at a time (offset from the start of the
 * run). Empty: lost; else the round trip its echo takes. Links with memory (Gilbert-Elliott) are
 * asked in time order.
 */
@FunctionalInterface
interface Link {

    Optional<Duration> roundTrip(Duration at, RandomGenerator random);

    Duration BASE_RTT = Duration.ofMillis(40);

    static Link clean() {
        return (at, random) -> Optional.of(BASE_RTT.plusNanos(random.nextLong(2_000_000)));
    }

    /** Independent random loss with probability {@code percent} / 100. */
    static Link randomLoss(double percent) {
        Link clean = clean();
        return (at, random) -> random.nextDouble() * 100 < percent ? Optional.empty() : clean.roundTrip(at, random);
    }

    /**
     * Gilbert-Elliott: good state loses nothing, bad state loses everything; {@code p} = P(good to
     * bad) and {@code q} = P(bad to good) per packet. Mean burst 1/q packets, loss p/(p+q).
     */
    static Link gilbertElliott(double p, double q) {
        Link clean = clean();
        boolean[] bad = {false};
        return (at, random) -> {
            bad[0] = bad[0] ? random.nextDouble() >= q : random.nextDouble() < p;
            return bad[0] ? Optional.empty() : clean.roundTrip(at, random);
        };
    }

    /** Round trip of the base plus a uniform extra delay up to {@code spread}. */
    static Link jitter(Duration spread) {
        return (at, random) -> Optional.of(BASE_RTT.plusNanos(random.nextLong(spread.toNanos())));
    }

    /** This link, but from {@code from} on behaves as {@code then}. */
    default Link from(Duration from, Link then) {
        Link before = this;
        return (at, random) -> at.compareTo(from) >= 0 ? then.roundTrip(at, random) : before.roundTrip(at, random);
    }

    /** This link, but everything sent in [from, from + length) is lost. */
    default Link blackout(Duration from, Duration length) {
        Link before = this;
        return (at, random) -> at.compareTo(from) >= 0 && at.compareTo(from.plus(length)) < 0
                ? Optional.empty() : before.roundTrip(at, random);
    }

    /** Down for {@code down}, then up for {@code up}, repeating, starting at {@code from}. */
    default Link flapping(Duration from, Duration down, Duration up) {
        Link before = this;
        long period = down.plus(up).toNanos();
        return (at, random) -> {
            if (at.compareTo(from) >= 0 && at.minus(from).toNanos() % period < down.toNanos()) {
                return Optional.empty();
            }
            return before.roundTrip(at, random);
        };
    }
}
