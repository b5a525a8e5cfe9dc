package dev.lifeline.drill.lab.wan;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How one WAN emulator is set up.
 *
 * @param name              its name in logs and events (usually the path's, e.g. "wan1")
 * @param publicAddress     the router's public address: NAT mappings and outbound TCP bind here
 * @param nat               the NAT's mapping behaviour
 * @param clock             the clock for NAT idle timeouts and for the instants faults are applied;
 *                          a fake one makes idle timeouts deterministic in tests. Packet delivery
 *                          times always use {@link System#nanoTime()}
 * @param random            the random source of loss, jitter and duplication; used on the
 *                          emulator's single event loop only, so it need not be thread-safe
 * @param maxPendingPackets at most this many packets per direction wait for their delivery time
 */
public record WanConfig(String name, InetAddress publicAddress, NatPolicy nat, InstantSource clock,
                        RandomGenerator random, int maxPendingPackets) {

    public WanConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(nat, "nat");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        if (maxPendingPackets < 1) {
            throw new IllegalArgumentException("maxPendingPackets must be at least 1, got "
                    + maxPendingPackets);
        }
    }

    /**
     * Defaults: a {@link NatPolicy#typical() typical NAT}, the system clock, a random source of its
     * own, freshly seeded, 10 000 pending packets.
     *
     * <p>Not seeded from the name: every packet on the link takes the next draw, so a fixed seed
     * does not repeat a drill's losses (which packet meets which draw depends on how a call's RTP
     * interleaves with the probes and signalling) but hands every run the same few draws, and a
     * call's loss in a step comes out the same wrong amount run after run (at 5 % configured,
     * 5 or 18 of its 300 frames, by whether its packet or the quality probe's comes first). A
     * test that needs repeatable draws sets its own with {@link #withRandom}.
     */
    public static WanConfig of(String name, InetAddress publicAddress) {
        return new WanConfig(name, publicAddress, NatPolicy.typical(), InstantSource.system(),
                new SplittableRandom(), 10_000);
    }

    public WanConfig withNat(NatPolicy value) {
        return new WanConfig(name, publicAddress, value, clock, random, maxPendingPackets);
    }

    public WanConfig withClock(InstantSource value) {
        return new WanConfig(name, publicAddress, nat, value, random, maxPendingPackets);
    }

    public WanConfig withRandom(RandomGenerator value) {
        return new WanConfig(name, publicAddress, nat, clock, value, maxPendingPackets);
    }

    public WanConfig withMaxPendingPackets(int value) {
        return new WanConfig(name, publicAddress, nat, clock, random, value);
    }
}
