package dev.lifeline.drill.lab.wan;

import java.util.random.RandomGenerator;

/**
 * The impairment decision for one packet on one direction of a link, as a pure function:
 * {@code (state, impairment, size, now, random) -> (state, deliver at | drop with reason)}.
 * No clock and no sockets: the relay calls it with {@link System#nanoTime()} and schedules the
 * delivery; tests call it with made-up times and a seeded random source.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>blackhole: drop ({@link DropReason#BLACKHOLE});</li>
 *   <li>rate limit: when the bottleneck's backlog plus this packet would exceed the queue,
 *       tail drop ({@link DropReason#QUEUE_FULL}); otherwise the packet leaves the bottleneck
 *       when everything before it has been sent plus its own serialisation time;</li>
 *   <li>random loss, then Gilbert-Elliott loss (the chain steps once per packet that reaches
 *       it, lost or not);</li>
 *   <li>propagation delay, uniform in {@code delay ± jitter} (clamped at zero); unless
 *       reordering is allowed, never earlier than the previous delivery (FIFO);</li>
 *   <li>duplication: the delivery carries two copies.</li>
 * </ol>
 * A packet lost after the bottleneck still used its slot there, as on a real link.
 */
public final class LinkModel {

    private LinkModel() {
    }

    /** Decides the fate of one packet of {@code size} bytes arriving at {@code now} nanos. */
    public static LinkStep next(LinkState state, Impairment impairment, int size, long now,
                                RandomGenerator random) {
        if (impairment.blackhole()) {
            return new LinkStep(state, new LinkDecision.Drop(DropReason.BLACKHOLE));
        }
        long leaves = now;
        long queueFreeAt = state.queueFreeAt();
        long rate = impairment.rateBitsPerSecond();
        if (rate > 0) {
            if (state.backlogBytes(now, rate) + size > impairment.queueBytes()) {
                return new LinkStep(state, new LinkDecision.Drop(DropReason.QUEUE_FULL));
            }
            long start = Math.max(now, queueFreeAt);
            leaves = start + serialisationNanos(size, rate);
            queueFreeAt = leaves;
        }
        if (impairment.loss() > 0 && random.nextDouble() < impairment.loss()) {
            return new LinkStep(new LinkState(state.burstBad(), state.lastDeliverAt(), queueFreeAt),
                    new LinkDecision.Drop(DropReason.RANDOM_LOSS));
        }
        boolean bad = state.burstBad();
        GilbertElliott ge = impairment.burst();
        boolean burstLost = false;
        if (ge.active()) {
            double lossHere = bad ? ge.lossInBad() : ge.lossInGood();
            burstLost = lossHere > 0 && random.nextDouble() < lossHere;
            bad = bad ? !(random.nextDouble() < ge.r()) : random.nextDouble() < ge.p();
        } else {
            bad = false;
        }
        if (burstLost) {
            return new LinkStep(new LinkState(bad, state.lastDeliverAt(), queueFreeAt),
                    new LinkDecision.Drop(DropReason.BURST_LOSS));
        }
        long deliverAt = leaves + propagationNanos(impairment, random);
        long last = state.lastDeliverAt();
        if (!impairment.reorder() && deliverAt < last) {
            deliverAt = last;
        }
        int copies = impairment.duplicate() > 0 && random.nextDouble() < impairment.duplicate() ? 2 : 1;
        return new LinkStep(new LinkState(bad, Math.max(last, deliverAt), queueFreeAt),
                new LinkDecision.Deliver(deliverAt, copies));
    }

    /** Time to put {@code size} bytes on a wire of {@code rate} bits per second, in nanos. */
    public static long serialisationNanos(int size, long rateBitsPerSecond) {
        return (long) Math.ceil(size * 8.0 * 1e9 / rateBitsPerSecond);
    }

    private static long propagationNanos(Impairment impairment, RandomGenerator random) {
        long delay = impairment.delay().toNanos();
        long jitter = impairment.jitter().toNanos();
        if (jitter == 0) {
            return delay;
        }
        long drawn = delay - jitter + (long) (random.nextDouble() * 2 * jitter);
        return Math.max(0, drawn);
    }
}
