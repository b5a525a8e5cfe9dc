package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.gateway.registrar.location.FakeLocationStore;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.media.relay.NettyMediaRelay;
import dev.lifeline.media.relay.PortRange;
import dev.lifeline.media.relay.RelayConfig;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's call path on loopback without the edge: a SIP stack whose handler hands
 * INVITEs to the {@link B2bua} (the From user counts as the authenticated extension, a known
 * trunk address as that trunk), bindings in a fake store pointing at test phones, and a real
 * media relay.
 */
final class GatewayHarness implements AutoCloseable {

    final FakeLocationStore locations = new FakeLocationStore();
    final FakeTrunkDirectory trunks = new FakeTrunkDirectory();
    final RecordingEventSink events = new RecordingEventSink();
    final FakeCallRecordStore records = new FakeCallRecordStore();
    final NettyMediaRelay relay;
    final SipStack stack;
    final B2bua b2bua;
    private final Map<InetSocketAddress, String> trunkSources = new ConcurrentHashMap<>();
    private volatile B2bua handler;

    GatewayHarness(SiteConfig config) throws Exception {
        this(config, new B2buaSettings(Duration.ofSeconds(10)));
    }

    GatewayHarness(SiteConfig config, B2buaSettings settings) throws Exception {
        relay = new NettyMediaRelay(RelayConfig.defaults(new PortRange(40000, 44999)).withDrain(Duration.ZERO)
                .withReportInterval(Duration.ofMillis(300)));
        stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))).withTimers(TestAgent.FAST),
                this::onRequest);
        B2bua.Services services = new B2bua.Services(stack, locations, trunks, relay,
                MediaAddresses.fixed(InetAddress.getLoopbackAddress()), events, records, InstantSource.system());
        b2bua = new B2bua(new CallRouter(config), services, settings);
        handler = b2bua;
    }

    InetSocketAddress address() {
        return stack.listenPoints().get(0).address();
    }

    /** What the edge does, minus authentication. */
    private void onRequest(ServerRequest request) {
        B2bua b = handler;
        boolean inDialog = request.request().to().tag().isPresent() || request.method().equals("CANCEL")
                || request.method().equals("ACK");
        if (b == null) {
            request.respond(503, "Starting");
        } else if (request.method().equals("INVITE") && !inDialog) {
            String trunk = trunkSources.get(request.source().remote());
            b.onInvite(request, trunk != null ? new Caller.Trunk(trunk) : new Caller.Extension(B2bua.user(request.request().from().uri())));
        } else if (inDialog) {
            if (!b.onInDialog(request) && !request.method().equals("ACK")) {
                request.respond(481, "Call/Transaction Does Not Exist");
            }
        } else {
            request.respond(405, "Method Not Allowed");
        }
    }

    /** A binding for {@code aor} reaching the agent at its address (as a REGISTER from there would leave). */
    void register(String aor, TestAgent phone) {
        register(aor, phone, phone.user);
    }

    /** As {@link #register(String, TestAgent)}, with {@code contactUser} in the Contact: one binding per user. */
    void register(String aor, TestAgent phone, String contactUser) {
        Instant now = Instant.now();
        SipUri contact = phone.stack.localUri(contactUser, Transport.UDP);
        Flow flow = new Flow(Transport.UDP, phone.address(), address(), Optional.empty());
        Binding binding = new Binding(aor, contact.toString(), contact, OptionalDouble.empty(), now.plusSeconds(3600),
                "reg-" + aor + "-" + contactUser, 1, flow, Optional.empty(), OptionalInt.empty(), "test", now);
        locations.apply(List.of(new BindingChange.Upsert(binding))).toCompletableFuture().join();
    }

    void trunk(String name, TestAgent provider, Optional<DigestClient> credentials) {
        trunks.up(name, provider.address(), credentials);
        trunkSources.put(provider.address(), name);
    }

    /** A trunk whose provider answers at each of {@code targets} in turn (RFC 3263 failover). */
    void trunk(String name, List<InetSocketAddress> targets, Optional<DigestClient> credentials) {
        trunks.up(name, targets, credentials);
        targets.forEach(t -> trunkSources.put(t, name));
    }

    @Override
    public void close() {
        b2bua.close();
        stack.close();
        relay.close();
    }
}
