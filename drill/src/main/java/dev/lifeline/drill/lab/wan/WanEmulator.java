package dev.lifeline.drill.lab.wan;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of one emulated WAN path: a NAT plus an impairment relay on loopback.
 *
 * <p>Wiring, for a path whose gateway address is 127.0.0.11 and whose router is public as
 * 127.0.0.31:
 * <pre>{@code
 * WanEmulator wan = WanEmulator.start(WanConfig.of("wan1", InetAddress.getByName("127.0.0.31")));
 * UdpForward sip = wan.forwardUdp(new InetSocketAddress("127.0.0.21", 0), providerSipTarget);
 * TcpSplice tls = wan.spliceTcp(new InetSocketAddress("127.0.0.21", 0), providerTlsTarget);
 * // the lab DNS answers wan1's resolver with sip.inside() / tls.inside() for the provider's names
 * wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withLoss(0.03));
 * Instant faultAt = wan.blackhole(true);
 * }</pre>
 * The gateway sends from its path address to a forward's inside address; the provider sees the
 * packets come from a mapping on the public address and answers there; the answer returns to
 * the gateway from the same inside address.
 *
 * <p>Thread safety: every public method may be called from any thread except the emulator's own
 * event loop (the configuration calls wait for it). Impairment changes take effect for the next
 * packet handled; packets already waiting for their delivery time are dropped if the link is
 * down when they fall due. One single-threaded event loop per emulator carries all its traffic.
 */
public final class WanEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WanEmulator.class);
    private static final Duration LOOP_WAIT = Duration.ofSeconds(10);

    private final WanConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Map<Direction, Link> links = new EnumMap<>(Direction.class);
    private final UdpNat nat;
    private final List<TcpSplice> splices = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super WanEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super WanPacket>> packetListeners = new CopyOnWriteArrayList<>();
    private final Object changeLock = new Object();
    private volatile Instant appliedAt;

    private WanEmulator(WanConfig config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
        for (Direction d : Direction.values()) {
            links.put(d, new Link(d));
        }
        this.nat = new UdpNat(this, loop, config.nat());
        long sweep = Math.clamp(config.nat().idleTimeout().toMillis() / 4, 10, 1000);
        loop.scheduleAtFixedRate(nat::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Starts an emulator with its own event loop; {@link #close()} stops it. */
    public static WanEmulator start(WanConfig config) {
        Objects.requireNonNull(config, "config");
        WanEmulator wan = new WanEmulator(config);
        LOG.info("wan {}: started, public address {}, NAT {}", config.name(),
                config.publicAddress().getHostAddress(), config.nat());
        return wan;
    }

    public String name() {
        return config.name();
    }

    public InetAddress publicAddress() {
        return config.publicAddress();
    }

    /**
     * Opens a UDP forward: packets to {@code inside} go to {@code target} through the NAT.
     *
     * @param inside where the gateway will send (a loopback address; port 0 picks one)
     * @param target the provider address behind the WAN
     * @throws WanException when the inside address cannot be bound
     */
    public UdpForward forwardUdp(InetSocketAddress inside, InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        notOnLoop("forwardUdp");
        return nat.addForward(Objects.requireNonNull(inside, "inside"), target);
    }

    /** The UDP forwards opened so far. */
    public List<UdpForward> udpForwards() {
        return nat.forwards();
    }

    /**
     * Configures a static mapping (a port forward): {@code insideHost} always appears as, and is
     * reachable at, the returned public address, from any remote, without sending first. It never
     * expires and survives {@link #changePorts()}.
     *
     * @param insideHost the gateway's address and port that the forward reaches
     * @param publicPort the public port, or 0 for any
     * @return the public address
     */
    public InetSocketAddress staticMapping(InetSocketAddress insideHost, int publicPort) {
        Objects.requireNonNull(insideHost, "insideHost");
        return onLoop("staticMapping", () -> nat.addStatic(insideHost, publicPort));
    }

    /**
     * Opens a TCP splice: each connection to {@code inside} is carried to {@code target} from the
     * public address.
     *
     * @throws WanException when the inside address cannot be bound
     */
    public TcpSplice spliceTcp(InetSocketAddress inside, InetSocketAddress target) {
        Objects.requireNonNull(inside, "inside");
        Objects.requireNonNull(target, "target");
        notOnLoop("spliceTcp");
        TcpSplice splice = new TcpSplice(this, loop, inside, target);
        splices.add(splice);
        return splice;
    }

    /** The impairment in force in one direction. */
    public Impairment impairment(Direction direction) {
        return link(direction).impairment.get();
    }

    /**
     * Applies an impairment to one direction from now on.
     *
     * @return the instant it was applied, on the emulator's clock
     */
    public Instant setImpairment(Direction direction, Impairment impairment) {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(impairment, "impairment");
        synchronized (changeLock) {
            Map<Direction, Impairment> change = new EnumMap<>(Direction.class);
            change.put(direction, impairment);
            return apply(change);
        }
    }

    /** Applies the same impairment to both directions at one instant, which it returns. */
    public Instant setImpairment(Impairment both) {
        Objects.requireNonNull(both, "impairment");
        synchronized (changeLock) {
            Map<Direction, Impairment> change = new EnumMap<>(Direction.class);
            change.put(Direction.UPSTREAM, both);
            change.put(Direction.DOWNSTREAM, both);
            return apply(change);
        }
    }

    /**
     * Takes the link down (both directions drop everything, queued packets too, TCP stalls) or
     * brings it back, keeping the other impairments.
     *
     * @return the instant applied
     */
    public Instant blackhole(boolean down) {
        synchronized (changeLock) {
            Map<Direction, Impairment> change = new EnumMap<>(Direction.class);
            for (Direction d : Direction.values()) {
                change.put(d, impairment(d).withBlackhole(down));
            }
            return apply(change);
        }
    }

    /** Swaps the impairments in, then stamps them with one instant: the fault is in force by then. */
    private Instant apply(Map<Direction, Impairment> change) {
        Map<Direction, Impairment> previous = new EnumMap<>(Direction.class);
        change.forEach((d, i) -> previous.put(d, link(d).impairment.getAndSet(i)));
        Instant at = config.clock().instant();
        appliedAt = at;
        change.forEach((d, i) -> {
            LOG.info("wan {}: {} {} at {}", name(), d.name().toLowerCase(java.util.Locale.ROOT),
                    i.describe(), at);
            emit(new WanEvent.ImpairmentChanged(name(), d, previous.get(d), i, at));
        });
        splices.forEach(s -> loop.execute(s::impairmentChanged));
        return at;
    }

    /**
     * Source routing, as the site's OS does it: only packets sent from {@code inside} (the path's
     * address) enter this WAN; anything else is dropped as NO_ROUTE. Without it, on loopback a
     * socket of another path could reach this emulator's forwards, which no real link allows.
     */
    public void acceptOnlyFrom(java.net.InetAddress inside) {
        nat.acceptOnlyFrom(Objects.requireNonNull(inside, "inside"));
    }

    /**
     * A firewall rule on this path: UDP to and from {@code remote} is dropped (counted as
     * FILTERED) while everything else passes — e.g. the provider's SIP port blocked while RTP
     * still flows. Returns when the rule took effect.
     */
    public Instant block(InetSocketAddress remote, boolean on) {
        nat.block(Objects.requireNonNull(remote, "remote"), on);
        Instant at = config.clock().instant();
        LOG.info("wan {}: {} {}", name(), on ? "blocking" : "unblocking", remote);
        return at;
    }

    /**
     * Forgets every dynamic NAT mapping at once, as a router reboot does: the provider's packets
     * to the old public ports are dropped ({@link DropReason#MAPPING_RESET}) and the site's next
     * packets get new ports. Static mappings stay.
     *
     * @return the instant applied
     */
    public Instant changePorts() {
        synchronized (changeLock) {
            int reset = onLoop("changePorts", nat::reset);
            Instant at = config.clock().instant();
            appliedAt = at;
            LOG.info("wan {}: NAT ports changed ({} mappings reset) at {}", name(), reset, at);
            emit(new WanEvent.PortsChanged(name(), reset, at));
            return at;
        }
    }

    /** When the last impairment change or port change was applied; empty before the first. */
    public Optional<Instant> appliedAt() {
        return Optional.ofNullable(appliedAt);
    }

    /** The live NAT mappings (idle ones are forgotten first). */
    public List<NatMapping> mappings() {
        return onLoop("mappings", nat::mappings);
    }

    /** A snapshot of the UDP counters. */
    public WanCounts counts() {
        return new WanCounts(link(Direction.UPSTREAM).counters.snapshot(),
                link(Direction.DOWNSTREAM).counters.snapshot());
    }

    /**
     * Adds a listener for this emulator's events. It is called on the thread that caused the
     * event (a caller's for faults, the event loop's for mappings), so it must be quick and
     * thread-safe; an exception it throws is logged and ignored.
     */
    public void onEvent(Consumer<? super WanEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener for every UDP packet this emulator handles, with its fate (a capture of
     * the uplink). It is called on the emulator's event loop once the fate is known, so it must
     * be quick and thread-safe; an exception it throws is logged and ignored. With no listener,
     * packets are not copied.
     */
    public void onPacket(Consumer<? super WanPacket> listener) {
        packetListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops forwarding and releases every socket and the event loop. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        try {
            onLoop("close", () -> {
                splices.forEach(TcpSplice::close);
                nat.close();
                return null;
            });
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    // ---- for the package ---------------------------------------------------------------------

    Link link(Direction direction) {
        return links.get(direction);
    }

    InstantSource clock() {
        return config.clock();
    }

    RandomGenerator random() {
        return config.random();
    }

    int maxPendingPackets() {
        return config.maxPendingPackets();
    }

    boolean tapped() {
        return !packetListeners.isEmpty();
    }

    void tap(WanPacket packet) {
        for (Consumer<? super WanPacket> listener : packetListeners) {
            try {
                listener.accept(packet);
            } catch (RuntimeException e) {
                LOG.warn("wan {}: packet listener failed on {}", name(), packet, e);
            }
        }
    }

    void emit(WanEvent event) {
        for (Consumer<? super WanEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("wan {}: event listener failed on {}", name(), event, e);
            }
        }
    }

    private void notOnLoop(String what) {
        if (loop.inEventLoop()) {
            throw new IllegalStateException(what + " must not be called on the emulator's own event loop");
        }
    }

    private <T> T onLoop(String what, Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new WanException(what + " failed on emulator '" + name() + "': " + e.getMessage(), e);
            }
        }
        try {
            return loop.submit(task).get(LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WanException(what + " was interrupted on emulator '" + name() + "'", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new WanException(what + " failed on emulator '" + name() + "': " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new WanException(what + " timed out after " + LOOP_WAIT + " on emulator '" + name()
                    + "': its event loop is stuck", e);
        }
    }
}
