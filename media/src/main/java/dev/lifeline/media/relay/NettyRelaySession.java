package dev.lifeline.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A session on Netty. Every socket of the session is registered on one event loop, so the media
 * path of a call runs on one thread without locks; calls from other threads are handed to it.
 */
final class NettyRelaySession implements RelaySession {

    private static final long CONTROL_TIMEOUT_MILLIS = 2_000;

    private final String id;
    private final NettyMediaRelay relay;
    private final EventLoop loop;
    private final RelayConfig config;
    private final InstantSource clock;
    private final Scheduler scheduler;
    private final QualityListener listener;
    private final Map<Leg, RelayLeg> legs = new EnumMap<>(Leg.class);
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private volatile boolean closed;

    NettyRelaySession(String id, NettyMediaRelay relay, EventLoop loop, RelayConfig config, InstantSource clock,
                      Scheduler scheduler, QualityListener listener) {
        this.id = id;
        this.relay = relay;
        this.loop = loop;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
        for (Leg leg : Leg.values()) {
            legs.put(leg, new RelayLeg(leg, config.latch(), clock));
        }
        legs.get(Leg.A).connect(legs.get(Leg.B), clock);
        legs.get(Leg.B).connect(legs.get(Leg.A), clock);
    }

    /** Binds both legs and starts the reports; on failure releases whatever was bound. */
    void start(InetAddress localA, InetAddress localB) {
        try {
            legs.get(Leg.A).active = relay.bindPair(this, legs.get(Leg.A), localA);
            legs.get(Leg.B).active = relay.bindPair(this, legs.get(Leg.B), localB);
        } catch (RuntimeException e) {
            legs.values().stream().map(l -> l.active).filter(s -> s != null).forEach(relay::closePair);
            throw e;
        }
        synchronized (timers) {
            timers.add(scheduler.every(config.reportInterval(), () -> loop.execute(this::reportAll)));
        }
    }

    EventLoop loop() {
        return loop;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LegAddress local(Leg leg) {
        return legs.get(leg).active.address();
    }

    @Override
    public void updateRemote(Leg leg, RemoteMedia remote) {
        onLoop(() -> {
            legs.get(leg).updateRemote(remote);
            return null;
        });
    }

    @Override
    public void signalledFrom(Leg leg, Set<InetAddress> addresses) {
        Set<InetAddress> copy = Set.copyOf(addresses);
        onLoop(() -> {
            legs.get(leg).signalledFrom(copy);
            return null;
        });
    }

    @Override
    public void useCodec(StreamCodec codec) {
        onLoop(() -> {
            legs.values().forEach(l -> l.useCodec(codec));
            return null;
        });
    }

    @Override
    public LegAddress moveLeg(Leg leg, InetAddress newLocalAddress) {
        requireOpen();
        RelayLeg state = legs.get(leg);
        LegSockets fresh = relay.bindPair(this, state, newLocalAddress);
        Leg otherLeg = leg == Leg.A ? Leg.B : Leg.A;
        LegSockets old = onLoop(() -> {
            LegSockets previous = state.active;
            state.move(fresh, legs.get(otherLeg), clock);
            return previous;
        });
        // The far end keeps sending to the old pair until the re-INVITE reaches it; those
        // packets still go through this leg's chain, so nothing in flight is lost.
        Scheduler.Cancellable drain = scheduler.schedule(config.drain(), () -> loop.execute(() -> retire(state, old)));
        synchronized (timers) {
            timers.add(drain);
        }
        return fresh.address();
    }

    private void retire(RelayLeg state, LegSockets old) {
        if (state.retire(old)) {
            relay.closePair(old);
        }
    }

    @Override
    public Optional<InetSocketAddress> latchedSource(Leg leg) {
        return onLoop(() -> legs.get(leg).rtpLatch.latched());
    }

    @Override
    public LegQuality quality(Leg leg) {
        return onLoop(() -> legs.get(leg).quality(id, clock.instant(), false, config.minJitterBuffer()));
    }

    @Override
    public LegActivity activity(Leg leg) {
        return legs.get(leg).activity();
    }

    @Override
    public LegCounts counts(Leg leg) {
        return legs.get(leg).counters.snapshot();
    }

    /** The socket of a leg, for tests that read socket options back. */
    Channel channel(Leg leg, Kind kind) {
        return onLoop(() -> legs.get(leg).active.channel(kind));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (timers) {
            timers.forEach(Scheduler.Cancellable::cancel);
            timers.clear();
        }
        List<LegSockets> sockets = onLoop(() -> {
            for (RelayLeg l : legs.values()) {
                listener.onQuality(l.quality(id, clock.instant(), true, config.minJitterBuffer()));
            }
            closed = true;
            List<LegSockets> all = new ArrayList<>();
            for (RelayLeg l : legs.values()) {
                all.add(l.active);
                all.addAll(l.draining);
                l.draining.clear();
            }
            return all;
        });
        sockets.forEach(relay::closePair);
        relay.forget(this);
    }

    private void reportAll() {
        if (closed) {
            return;
        }
        for (RelayLeg l : legs.values()) {
            listener.onQuality(l.quality(id, clock.instant(), false, config.minJitterBuffer()));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new RelayException("relay session " + id + " is closed");
        }
    }

    /** Runs on the session's loop and waits for it, boundedly; directly when already on it. */
    private <T> T onLoop(Callable<T> task) {
        try {
            if (loop.inEventLoop()) {
                return task.call();
            }
            return loop.submit(task).get(CONTROL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("interrupted while waiting for relay session " + id, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RelayException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RelayException("relay session " + id + " did not answer within " + CONTROL_TIMEOUT_MILLIS + " ms", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RelayException(e.getMessage(), e);
        }
    }
}
