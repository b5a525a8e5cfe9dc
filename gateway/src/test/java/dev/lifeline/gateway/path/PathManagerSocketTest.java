package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The path manager over real sockets: two paths bound to 127.0.0.11 and 127.0.0.12, each
 * reaching one reflector on 127.0.0.1 through its own impairment relay.
 */
class PathManagerSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<AutoCloseable> closers = new ArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private ProbeReflector reflector;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        reflector = ProbeReflector.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closers.reversed()) {
            c.close();
        }
        reflector.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static WanPath path(String name, String address, int priority) throws Exception {
        return new WanPath(name, InetAddress.getByName(address), Optional.empty(), List.of(), priority);
    }

    private ImpairmentRelay relay() throws Exception {
        ImpairmentRelay r = new ImpairmentRelay(new InetSocketAddress("127.0.0.1", 0), reflector.address());
        closers.add(r);
        return r;
    }

    private PathManager manager(List<WanPath> paths, Map<String, InetSocketAddress> reflectorOf,
                                FakeOptionsProbe options, FailoverSettings settings) {
        PathManager m = new PathManager(paths, settings, QualityModel.DEFAULT,
                p -> Optional.ofNullable(reflectorOf.get(p.name())), options, scheduler, InstantSource.system(),
                events::add, (from, to, reason) -> moves.add(from.map(WanPath::name).orElse("") + "->"
                        + to.map(WanPath::name).orElse("")));
        closers.add(m);
        return m;
    }

    private static FailoverSettings shortHoldDown() {
        FailoverSettings d = FailoverSettings.DEFAULT;
        return new FailoverSettings(d.probeInterval(), d.probeTimeout(), d.silenceWindow(), d.optionsFailuresToDown(),
                d.rFloor(), d.floorWindow(), Duration.ofSeconds(1), true, d.maxSwitches(), d.switchWindow());
    }

    /** wan1's path events and every active-path change, as "wan1 down" / "wan1->wan2" lines. */
    private List<String> story() {
        List<String> lines = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.PathStateChanged p && p.path().equals("wan1")) {
                lines.add("wan1 " + p.state());
            } else if (e instanceof Event.ActivePathChanged a) {
                lines.add(a.from() + "->" + a.to());
            }
        }
        return lines;
    }

    @Test
    void failsOverOnBlackholeAndFailsBackAfterHoldDown() throws Exception {
        ImpairmentRelay relay1 = relay();
        ImpairmentRelay relay2 = relay();
        WanPath wan1 = path("wan1", "127.0.0.11", 1);
        WanPath wan2 = path("wan2", "127.0.0.12", 2);
        PathManager m = manager(List.of(wan1, wan2), Map.of("wan1", relay1.address(), "wan2", relay2.address()),
                new FakeOptionsProbe(), shortHoldDown());
        m.start();

        await().atMost(PATIENCE).until(() -> m.snapshot().stream().allMatch(s -> !Double.isNaN(s.r())));
        assertThat(m.active()).contains(wan1);
        assertThat(m.snapshot()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo("up");
            assertThat(s.lossPercent()).isLessThan(50);
            assertThat(s.r()).isGreaterThan(70);
        });
        assertThat(reflector.echoed()).isPositive();

        relay1.blackhole(true);
        await().atMost(PATIENCE).until(() -> m.active().equals(Optional.of(wan2)));
        assertThat(story()).containsExactly("wan1 up", "->wan1", "wan1 down", "wan1->wan2");
        Event.PathStateChanged down = events.stream()
                .filter(e -> e instanceof Event.PathStateChanged p && p.state().equals("down"))
                .map(Event.PathStateChanged.class::cast).findFirst().orElseThrow();
        assertThat(down.reason()).isEqualTo("quality probes silent for 600 ms");

        relay1.blackhole(false);
        await().atMost(PATIENCE).until(() -> m.active().equals(Optional.of(wan1)));
        assertThat(story()).containsExactly("wan1 up", "->wan1", "wan1 down", "wan1->wan2", "wan1 recovering",
                "wan1 up", "wan2->wan1");
        assertThat(moves).containsExactly("->wan1", "wan1->wan2", "wan2->wan1");
        assertThat(m.snapshot().getFirst()).satisfies(s -> {
            assertThat(s.name()).isEqualTo("wan1");
            assertThat(s.active()).isTrue();
            assertThat(s.lastReason()).isEqualTo("healthy for 1 s");
        });
    }

    @Test
    void withoutAReflectorOptionsDecide() throws Exception {
        WanPath wan1 = path("wan1", "127.0.0.11", 1);
        WanPath wan2 = path("wan2", "127.0.0.12", 2);
        FakeOptionsProbe options = new FakeOptionsProbe();
        PathManager m = manager(List.of(wan1, wan2), Map.of(), options, shortHoldDown());
        m.start();
        await().atMost(PATIENCE).until(() -> m.active().isPresent());
        options.fail("wan1", "503 Service Unavailable");
        await().atMost(PATIENCE).until(() -> m.active().equals(Optional.of(wan2)));
        // The first failure makes wan1 suspect; the confirmation burst's probes fail too.
        assertThat(m.snapshot().getFirst().lastReason()).isEqualTo("OPTIONS probe failed (503 Service Unavailable), "
                + "and nothing came back on it during 500 ms of confirmation probes");
        assertThat(options.probes()).isGreaterThan(4);
        options.answer("wan1");
        await().atMost(PATIENCE).until(() -> m.active().equals(Optional.of(wan1)));
    }

    @Test
    void aStunAnswerEndsASuspicionButCannotHideThatSipFails() throws Exception {
        WanPath wan1 = path("wan1", "127.0.0.11", 1);
        WanPath wan2 = path("wan2", "127.0.0.12", 2);
        FakeOptionsProbe options = new FakeOptionsProbe();
        try (DatagramSocket stunServer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread server = Thread.ofVirtual().start(() -> answerStun(stunServer));
            StunChecks stun = new StunChecks(List.of(wan1, wan2), p -> java.util.concurrent.CompletableFuture
                    .completedFuture(List.of((InetSocketAddress) stunServer.getLocalSocketAddress())));
            closers.add(stun);
            PathManager m = manager(List.of(wan1, wan2), Map.of(), options, shortHoldDown()).withReachabilityCheck(stun);
            m.start();
            await().atMost(PATIENCE).until(() -> m.active().isPresent());
            options.fail("wan1", "timeout after 1 s");

            await().atMost(PATIENCE).until(() -> m.active().equals(Optional.of(wan2)));
            // Packets do cross wan1 (STUN came back), so each burst ended its suspicion; SIP over it
            // still failed, and three failed OPTIONS in a row took it down.
            assertThat(events).filteredOn(e -> e instanceof Event.PathSuspicion s && s.state().equals("cleared"))
                    .isNotEmpty().allSatisfy(e -> assertThat(((Event.PathSuspicion) e).reason())
                            .startsWith("a STUN Binding was answered"));
            assertThat(m.snapshot().getFirst().lastReason())
                    .isEqualTo("3 OPTIONS probes failed in a row (last: timeout after 1 s)");
            server.interrupt();
        }
    }

    /** A minimal STUN server for the test: answers Binding requests until its socket closes. */
    private static void answerStun(DatagramSocket socket) {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                var request = dev.lifeline.sip.stun.StunMessage.decode(in.getData(), 0, in.getLength());
                if (request.isPresent()) {
                    byte[] answer = dev.lifeline.sip.stun.StunMessage.success(request.get(),
                            (InetSocketAddress) in.getSocketAddress()).encode();
                    socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    @Test
    void theReflectorAnswersTestPacketsOnlyAndNeverWithMoreBytes() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(300);
            byte[] tooShort = new byte[ProbePacket.REFLECTED_HEADER - 1];   // its answer would be larger
            s.send(new DatagramPacket(tooShort, tooShort.length, reflector.address()));
            long sent = 1_733_480_000_123_456_789L;
            ProbePacket.Probe probe = new ProbePacket.Probe(7, sent);
            ByteBuf encoded = ProbePacket.encode(ByteBufAllocator.DEFAULT, probe);
            byte[] good = ByteBufUtil.getBytes(encoded);
            encoded.release();
            s.send(new DatagramPacket(good, good.length, reflector.address()));
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            s.receive(in);
            assertThat(in.getLength()).isEqualTo(ProbePacket.LENGTH);
            ProbePacket.Probe back = ProbePacket.decodeReflected(Unpooled.wrappedBuffer(in.getData(), 0, in.getLength()))
                    .orElseThrow();
            assertThat(back.seq()).isEqualTo(7);
            assertThat(back.sentEpochNanos()).isBetween(sent - 1, sent);   // NTP's 2^-32 s fraction rounds down
            boolean more;
            try {
                s.receive(in);
                more = true;
            } catch (SocketTimeoutException e) {
                more = false;
            }
            assertThat(more).as("the short packet got an answer").isFalse();
            await().atMost(PATIENCE).until(() -> reflector.ignored() == 1);
        }
    }

    @Test
    void aReflectorAnswersOnlyAllowedSourcesAndAtMostItsRate() throws Exception {
        ReflectorAdmission admission = new ReflectorAdmission(List.of(ReflectorAdmission.Cidr.parse("127.0.0.0/30")), 5);
        try (ProbeReflector guarded = ProbeReflector.start(new InetSocketAddress("127.0.0.1", 0), admission,
                InstantSource.system());
             DatagramSocket allowed = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.9", 0))) {
            ByteBuf encoded = ProbePacket.encode(ByteBufAllocator.DEFAULT, new ProbePacket.Probe(1, 0));
            byte[] test = ByteBufUtil.getBytes(encoded);
            encoded.release();
            stranger.send(new DatagramPacket(test, test.length, guarded.address()));
            for (int i = 0; i < 20; i++) {
                allowed.send(new DatagramPacket(test, test.length, guarded.address()));
            }
            await().atMost(PATIENCE).until(() -> guarded.echoed() + guarded.refused() == 21);
            // A burst of 20 within well under a second: the bucket holds one second, 5 answers.
            assertThat(guarded.echoed()).isBetween(5L, 6L);
            assertThat(guarded.refused()).isBetween(15L, 16L);
        }
    }
}
