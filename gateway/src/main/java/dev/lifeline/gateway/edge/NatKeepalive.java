package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.config.KeepaliveMethod;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the NAT bindings in front of registered phones open: every {@code interval}, one
 * keepalive per flow a binding was registered over, spread across the interval
 * ({@link KeepalivePlan}). Over UDP it sends an OPTIONS (also proves the phone answers) or a
 * CRLFCRLF datagram, from the gateway's listening socket so the refreshed mapping is the one
 * the phone's REGISTER created; over TCP/TLS a CRLF ping on the phone's connection (RFC 5626
 * §4.4.1). A TCP/TLS binding without an open connection (e.g. after a restart) is skipped:
 * only the phone can open a new one through its NAT.
 */
public final class NatKeepalive implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatKeepalive.class);
    private static final Duration MAX_PONG_WAIT = Duration.ofSeconds(10);

    private final SipStack stack;
    private final LocationStore store;
    private final Duration interval;
    private final KeepaliveMethod method;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile ScheduledFuture<?> passes;

    public NatKeepalive(SipStack stack, LocationStore store, Duration interval, KeepaliveMethod method,
                        ScheduledExecutorService scheduler, InstantSource clock) {
        this.stack = stack;
        this.store = store;
        this.interval = interval;
        this.method = method;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Starts the passes; the first one after one interval (phones that just registered have fresh mappings). */
    public void start() {
        long nanos = interval.toNanos();
        passes = scheduler.scheduleAtFixedRate(this::pass, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Plans one pass and schedules its keepalives within the interval. */
    void pass() {
        try {
            for (KeepalivePlan.Item item : KeepalivePlan.plan(store.all(clock.instant()), interval)) {
                scheduler.schedule(() -> send(item), item.offset().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("keepalive pass failed: {}", e.toString()); // the next pass tries again
        }
    }

    private void send(KeepalivePlan.Item item) {
        Flow flow = item.flow();
        CompletionStage<?> done;
        if (flow.transport() != Transport.UDP) {
            if (flow.connection().isEmpty()) {
                return;
            }
            Duration wait = interval.compareTo(MAX_PONG_WAIT) < 0 ? interval : MAX_PONG_WAIT;
            done = stack.ping(flow.connection().get(), wait);
        } else if (method == KeepaliveMethod.CRLF) {
            done = stack.sendKeepAlive(target(flow));
        } else {
            done = stack.request(options(item.contact(), flow), target(flow));
        }
        sent.increment();
        done.whenComplete((ok, failure) -> {
            if (failure != null) {
                failed.increment();
                log.debug("keepalive to {} failed: {}", flow, failure.toString());
            }
        });
    }

    private static Target target(Flow flow) {
        return flow.connection().map(c -> Target.onFlow(c, flow.transport(), flow.remote()))
                .orElseGet(() -> Target.of(flow.transport(), flow.remote()));
    }

    private SipRequest options(Uri contact, Flow flow) {
        Uri to = contact instanceof SipUri ? contact
                : SipUri.of(null, flow.remote().getAddress().getHostAddress(), flow.remote().getPort());
        SipUri self = stack.localUri("lifeline", Transport.UDP);
        return SipRequest.builder("OPTIONS", to)
                .from(NameAddress.of(self).withTag(stack.tokens().tag()))
                .to(NameAddress.of(to))
                .callId(stack.tokens().callId(self.host()))
                .cseq(new CSeq(1, "OPTIONS"))
                .build();
    }

    /** Keepalives sent and how many of them failed (no answer to OPTIONS, no pong, send error). */
    public record Counts(long sent, long failed) {
    }

    public Counts counts() {
        return new Counts(sent.sum(), failed.sum());
    }

    @Override
    public void close() {
        ScheduledFuture<?> p = passes;
        if (p != null) {
            p.cancel(false);
        }
    }
}
