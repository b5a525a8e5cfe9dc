package dev.lifeline.drill.lab.provider;

import dev.lifeline.gateway.path.ProbeReflector;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import dev.lifeline.sip.transport.TransportException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the lab provider: its own {@link SipStack} and {@link ProbeReflector} on its own
 * loopback address, sharing the trunk bindings, calls and observation log of its
 * {@link LabProvider}. Faults are set per target at runtime; a dropped target comes back on the
 * same ports when restored.
 */
public final class ProviderTarget {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTarget.class);

    private final LabProvider provider;
    private final LongAdder silentlyDropped = new LongAdder();
    private final Map<Transport, Integer> boundPorts = new EnumMap<>(Transport.class);
    private volatile TargetSpec spec;
    private volatile SipStack stack;
    private volatile ProbeReflector reflector;
    private volatile ProviderFault fault = ProviderFault.HEALTHY;
    private int reflectorPort;

    ProviderTarget(LabProvider provider, TargetSpec spec) {
        this.provider = provider;
        this.spec = spec;
        this.reflectorPort = spec.reflectorPort();
        spec.transports().forEach(t -> boundPorts.put(t, spec.sipPort()));
    }

    /** Binds the SIP stack and the reflector. */
    synchronized void open() throws TransportException, SocketException {
        List<ListenPoint> points = spec.transports().stream()
                .map(t -> new ListenPoint(t, new InetSocketAddress(spec.address(), boundPorts.get(t))))
                .toList();
        // The TLS material goes in before the listen points: a TLS point without it is refused.
        TransportConfig transport = TransportConfig.of(List.of());
        if (spec.tls().isPresent()) {
            transport = transport.withTls(spec.tls().get());
        }
        transport = transport.withListenPoints(points);
        StackConfig config = new StackConfig(transport, provider.config().timers(), dev.lifeline.sip.transaction.TransactionLimits.DEFAULT,
                java.util.Optional.empty());
        SipStack started = SipStack.start(config, this::onRequest, remote -> admits());
        try {
            reflector = ProbeReflector.start(new InetSocketAddress(spec.address(), reflectorPort));
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        stack = started;
        started.listenPoints().forEach(p -> boundPorts.put(p.transport(), p.address().getPort()));
        reflectorPort = reflector.address().getPort();
    }

    synchronized void shut() {
        SipStack s = stack;
        ProbeReflector r = reflector;
        stack = null;
        reflector = null;
        if (s != null) {
            s.close();
        }
        if (r != null) {
            r.close();
        }
    }

    private boolean admits() {
        if (fault instanceof ProviderFault.Silent) {
            silentlyDropped.increment();
            return false;
        }
        return true;
    }

    public String name() {
        return spec.name();
    }

    public TargetSpec spec() {
        return spec;
    }

    /** The SIP address for {@code transport} (its port stays the same across drop and restore). */
    public InetSocketAddress sipAddress(Transport transport) {
        Integer port = boundPorts.get(transport);
        if (port == null) {
            throw new IllegalArgumentException("provider target " + name() + " does not listen on " + transport
                    + " (it has " + spec.transports() + ")");
        }
        return new InetSocketAddress(spec.address(), port);
    }

    /** The SIP address of the first configured transport (UDP for {@link TargetSpec#udp}). */
    public InetSocketAddress sipAddress() {
        return sipAddress(spec.transports().get(0));
    }

    /** The probe reflector's address (stays the same across drop and restore). */
    public InetSocketAddress reflectorAddress() {
        return new InetSocketAddress(spec.address(), reflectorPort);
    }

    /** Probes echoed by the current reflector (counts restart when a dropped target is restored). */
    public long probesEchoed() {
        ProbeReflector r = reflector;
        return r == null ? 0 : r.echoed();
    }

    public long probesIgnored() {
        ProbeReflector r = reflector;
        return r == null ? 0 : r.ignored();
    }

    /** SIP messages dropped unread while {@link ProviderFault#SILENT}. */
    public long silentlyDropped() {
        return silentlyDropped.sum();
    }

    public ProviderFault fault() {
        return fault;
    }

    /**
     * Sets this target's fault. Dropping closes its SIP stack and reflector and ends its calls;
     * any other fault on a dropped target first reopens both on the same ports.
     *
     * @throws IllegalStateException when a dropped target cannot be bound again
     */
    public synchronized void setFault(ProviderFault value) {
        Objects.requireNonNull(value, "fault");
        ProviderFault previous = fault;
        boolean drop = value instanceof ProviderFault.Dropped && !(previous instanceof ProviderFault.Dropped);
        boolean restore = !(value instanceof ProviderFault.Dropped) && previous instanceof ProviderFault.Dropped;
        if (restore) {
            reopen("restore");            // fails before anything is recorded: the target stays dropped
        }
        fault = value;
        LOG.info("lab provider target {}: fault {} -> {}", name(), previous, value);
        provider.observe(new ProviderObservation.FaultChanged(provider.now(), name(), value));
        if (drop) {
            shut();
            provider.targetDropped(this);
        }
    }

    /**
     * The certificate hook: restarts the target (same ports) with other TLS material, e.g. an
     * expired or wrongly named certificate. Connections open on the old stack are closed.
     */
    public synchronized void replaceTls(TlsConfig tls) {
        spec = spec.withTls(tls);
        if (!(fault instanceof ProviderFault.Dropped)) {
            shut();
            reopen("TLS replacement");
        }
    }

    private void reopen(String why) {
        try {
            open();
        } catch (TransportException | SocketException e) {
            throw new IllegalStateException("provider target " + name() + " cannot be bound again for " + why + " on "
                    + spec.address().getHostAddress() + " ports " + boundPorts + "/" + reflectorPort + ": " + e.getMessage(), e);
        }
    }

    /** The stack; fails when the target is dropped. */
    SipStack stack() {
        SipStack s = stack;
        if (s == null) {
            throw new IllegalStateException("provider target " + name() + " is dropped: restore it before sending");
        }
        return s;
    }

    boolean isUp() {
        return stack != null;
    }

    private void onRequest(ServerRequest request) {
        String method = request.method();
        if (fault instanceof ProviderFault.Reject reject && !method.equals("ACK") && !method.equals("CANCEL")) {
            SipResponse.Builder response = request.response(reject.status(), reject.reason());
            reject.retryAfter().ifPresent(d -> response.header("Retry-After", Long.toString(d.toSeconds())));
            provider.observe(new ProviderObservation.RequestRefused(provider.now(), name(), request.source().remote(),
                    method, reject.status()));
            request.respond(response.build());
            return;
        }
        provider.handle(this, request);
    }

    @Override
    public String toString() {
        return "ProviderTarget[" + name() + " " + spec.address().getHostAddress() + " " + boundPorts + " " + fault + "]";
    }
}
