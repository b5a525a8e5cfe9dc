package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.dns.DnsSettings;
import dev.lifeline.gateway.dns.PathResolver;
import dev.lifeline.gateway.dns.RecordType;
import dev.lifeline.media.relay.Leg;
import dev.lifeline.media.relay.NettyMediaRelay;
import dev.lifeline.media.relay.PortRange;
import dev.lifeline.media.relay.QualityListener;
import dev.lifeline.media.relay.RelayConfig;
import dev.lifeline.media.relay.RelaySession;
import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.sip.codec.ParseLimits;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.NettySipTransport;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Run inside a site namespace by {@link PathInterfaceNetnsTest}: sends one path's traffic the way
 * the gateway does — SIP over UDP and TCP from the path's address, the quality probe stream and
 * a STUN check, RTP forwarded by the media relay onto the path's leg, and a DNS query to the
 * path's resolver — with the path pinned
 * to a device or not. Exits 0 when everything was sent, 3 with one line when a socket could not
 * be opened.
 *
 * <p>Arguments: {@code bind-address device|- target-address}.
 */
public final class PinnedPathTraffic {

    static final int SIP_PORT = 5060;
    static final int REFLECTOR_PORT = 8620;
    static final int STUN_PORT = 3478;
    static final int RTP_PORT = 40_000;
    static final int DNS_PORT = 53;

    private PinnedPathTraffic() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress bind = InetAddress.getByName(args[0]);
        Optional<String> device = args[1].equals("-") ? Optional.empty() : Optional.of(args[1]);
        InetAddress target = InetAddress.getByName(args[2]);
        WanPath path = new WanPath("wan2", bind, device,
                List.of(new HostPort(target.getHostAddress(), java.util.OptionalInt.of(DNS_PORT))), 2);
        Map<InetAddress, String> devices = PathDevices.byAddress(List.of(path));
        try {
            sip(bind, devices, target);
            probes(path, target);
            rtp(bind, devices, target);
            dns(path);
        } catch (Exception e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
        System.out.println("SENT");
        System.exit(0);
    }

    private static void sip(InetAddress bind, Map<InetAddress, String> devices, InetAddress target) throws Exception {
        TransportConfig config = TransportConfig.of(List.of(new ListenPoint(Transport.UDP, new InetSocketAddress(bind, 0))))
                .withConnectTimeout(Duration.ofMillis(500)).withDevices(devices);
        try (NettySipTransport transport = NettySipTransport.start(config, message -> { })) {
            InetSocketAddress provider = new InetSocketAddress(target, SIP_PORT);
            for (int i = 0; i < 3; i++) {
                transport.send(options(bind, i), Target.of(Transport.UDP, provider)).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
            }
            // Nobody listens there: the connect fails, but its SYN has left by then.
            try {
                transport.send(options(bind, 9), Target.of(Transport.TCP, provider).from(bind)).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                if (expected.getCause().getMessage().contains("SO_BINDTODEVICE")) {
                    throw new IllegalStateException(expected.getCause().getMessage(), expected.getCause());
                }
            }
        }
    }

    private static SipMessage options(InetAddress bind, int n) {
        String text = "OPTIONS sip:provider.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + bind.getHostAddress() + ":5060;branch=z9hG4bK-pin-" + n + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@site.test>;tag=pin" + n + "\r\nTo: <sip:provider.test>\r\n"
                + "Call-ID: pin-" + n + "@site.test\r\nCSeq: " + (n + 1) + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
        ParseResult result = new SipParser(ParseLimits.DEFAULT).parse(text.getBytes(StandardCharsets.US_ASCII));
        return ((ParseResult.Ok) result).message();
    }

    private static void probes(WanPath path, InetAddress target) throws Exception {
        try (ProbeIo io = ProbeIo.create(1)) {
            QualityProber quality = QualityProber.start(path, new InetSocketAddress(target, REFLECTOR_PORT),
                    QualityModel.DEFAULT, io, Clock.systemUTC(), new QualityProber.Listener() {
                        @Override
                        public void heard(Duration rtt) {
                        }

                        @Override
                        public void measured(QualitySummary summary) {
                        }
                    });
            try (StunProber stun = StunProber.start(path, io)) {
                stun.check(new InetSocketAddress(target, STUN_PORT), Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
                Thread.sleep(300); // the quality stream sends every 20 ms meanwhile
            } finally {
                quality.close();
            }
        }
    }

    private static void rtp(InetAddress bind, Map<InetAddress, String> devices, InetAddress target) throws Exception {
        InetAddress lan = InetAddress.getLoopbackAddress();
        RelayConfig config = RelayConfig.defaults(new PortRange(41_000, 41_100)).withDevices(devices);
        try (NettyMediaRelay relay = new NettyMediaRelay(config);
             RelaySession session = relay.open("pin", lan, bind, QualityListener.NONE);
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress(lan, 0))) {
            session.signalledFrom(Leg.A, Set.of(lan));
            session.updateRemote(Leg.B, new RemoteMedia(new InetSocketAddress(target, RTP_PORT), Optional.empty()));
            InetSocketAddress legA = session.local(Leg.A).rtp();
            for (int seq = 0; seq < 20; seq++) {
                byte[] packet = rtpPacket(seq);
                phone.send(new DatagramPacket(packet, packet.length, legA));
                Thread.sleep(20);
            }
            Thread.sleep(200);
        }
    }

    /** One lookup through the path's resolver; nobody answers, the query is what counts. */
    private static void dns(WanPath path) throws Exception {
        DnsSettings settings = DnsSettings.DEFAULTS;
        PathResolver resolver = new PathResolver(path, settings, Clock.systemUTC(), event -> { });
        try {
            resolver.lookup("provider.test", RecordType.A).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException unanswered) {
            String why = String.valueOf(unanswered.getCause().getMessage());
            if (why.contains("SO_BINDTODEVICE")) {
                throw new IllegalStateException(why, unanswered.getCause());
            }
        }
    }

    private static byte[] rtpPacket(int seq) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = 0; // PCMU
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        int ts = seq * 160;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = 0x12;
        p[9] = 0x34;
        p[10] = 0x56;
        p[11] = 0x78;
        return p;
    }
}
