package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.dns.ProviderTarget;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One SIP OPTIONS to one provider target, sent from a path's address over the target's transport,
 * waiting at most the timeout for a final response (provisional ones are passed over).
 *
 * <p>Over TLS the probe accepts whatever certificate the target shows: judging the chain is the
 * certificate check's job ({@link dev.lifeline.gateway.tls.ProviderCertificateCheck} with the
 * trunk's trust), and an OPTIONS carries no credentials. This check asks only whether SIP is
 * answered over the path.
 */
public final class OptionsPing {

    private static final int MAX_RESPONSE = 65_535;
    /** Responses to other requests (none are expected on a fresh socket) are skipped, a bounded number of them. */
    private static final int MAX_DATAGRAMS = 16;

    private final RandomGenerator random;
    private final SipParser parser = new SipParser();

    public OptionsPing(RandomGenerator random) {
        this.random = random;
    }

    public Observed.Options ping(Trunk trunk, ProviderTarget target, InetAddress source, Duration timeout) {
        String callId = hex(12) + "@preflight.lifeline";
        long start = System.nanoTime();
        try {
            Optional<SipResponse> response = switch (target.transport()) {
                case UDP -> udp(target, source, callId, timeout);
                case TCP, TLS -> stream(trunk, target, source, callId, timeout);
            };
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (response.isEmpty()) {
                return failed(trunk, target, "no response within " + timeout.toMillis() + " ms");
            }
            return new Observed.Options(trunk, target, OptionalInt.of(response.get().status()), response.get().reason(),
                    Optional.of(took), Optional.empty());
        } catch (SocketTimeoutException e) {
            return failed(trunk, target, "no response within " + timeout.toMillis() + " ms");
        } catch (IOException | GeneralSecurityException e) {
            return failed(trunk, target, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Optional<SipResponse> udp(ProviderTarget target, InetAddress source, String callId, Duration timeout)
            throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
            byte[] request = request(target, socket.getLocalAddress(), socket.getLocalPort(), callId);
            socket.send(new DatagramPacket(request, request.length, target.address()));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[MAX_RESPONSE];
            for (int i = 0; i < MAX_DATAGRAMS; i++) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Optional<SipResponse> r = finalResponse(buffer, packet.getLength(), callId);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        }
    }

    private Optional<SipResponse> stream(Trunk trunk, ProviderTarget target, InetAddress source, String callId,
                                         Duration timeout) throws IOException, GeneralSecurityException {
        int millis = (int) Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket raw = new Socket()) {
            raw.bind(new InetSocketAddress(source, 0));
            raw.connect(target.address(), millis);
            raw.setSoTimeout(millis);
            Socket socket = raw;
            if (target.transport() == dev.lifeline.sip.transport.Transport.TLS) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new AnyServer()}, null);
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, trunk.provider().host(),
                        target.address().getPort(), true);
                tls.startHandshake();
                socket = tls;
            }
            socket.getOutputStream().write(request(target, raw.getLocalAddress(), raw.getLocalPort(), callId));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (got.size() < MAX_RESPONSE && System.nanoTime() < deadline) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                got.write(chunk, 0, n);
                byte[] all = got.toByteArray();
                // Messages on a stream follow each other: skip provisional ones, parse until a final one.
                int offset = 0;
                while (offset < all.length) {
                    ParseResult result = parser.parse(java.util.Arrays.copyOfRange(all, offset, all.length));
                    if (!(result instanceof ParseResult.Ok ok)) {
                        break;
                    }
                    offset += ok.consumed();
                    if (ok.message() instanceof SipResponse r && r.callId().equals(callId) && !r.isProvisional()) {
                        return Optional.of(r);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private Optional<SipResponse> finalResponse(byte[] data, int length, String callId) {
        ParseResult result = parser.parse(java.util.Arrays.copyOf(data, length));
        if (result instanceof ParseResult.Ok ok && ok.message() instanceof SipResponse r && r.callId().equals(callId)
                && !r.isProvisional()) {
            return Optional.of(r);
        }
        return Optional.empty();
    }

    private byte[] request(ProviderTarget target, InetAddress local, int port, String callId) {
        String transport = target.transport().name();
        String host = local.getHostAddress();
        String self = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        String ip = target.address().getAddress().getHostAddress();
        String remote = (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + target.address().getPort();
        String scheme = target.transport() == dev.lifeline.sip.transport.Transport.TLS ? "sips" : "sip";
        String text = "OPTIONS " + scheme + ":" + remote + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + self + ";branch=z9hG4bK" + hex(8) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + scheme + ":preflight@" + self + ">;tag=" + hex(6) + "\r\n"
                + "To: <" + scheme + ":" + remote + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Contact: <" + scheme + ":preflight@" + self + ">\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: lifeline-preflight\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }

    private static Observed.Options failed(Trunk trunk, ProviderTarget target, String why) {
        return new Observed.Options(trunk, target, OptionalInt.empty(), "", Optional.empty(), Optional.of(why));
    }

    /** See the class comment: the chain is judged by the certificate check, not here. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a probe is a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
