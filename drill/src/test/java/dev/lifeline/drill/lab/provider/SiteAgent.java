package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The site as the provider sees it, on its own loopback address: a SIP stack that registers the
 * trunk, places calls, answers the provider's calls (200 with SDP), and two RTP ports.
 */
final class SiteAgent implements AutoCloseable {

    /** T1 50 ms: Timer F fires after 3.2 s. */
    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String USER = "site1";
    static final String PASSWORD = "trunk-pw";
    static final String DOMAIN = "provider.test";

    final SipStack stack;
    final RtpPort rtpA;
    final RtpPort rtpB;
    final List<ServerRequest> received = new CopyOnWriteArrayList<>();
    private final String ip;

    SiteAgent(String ip) throws TransportException, SocketException {
        this.ip = ip;
        this.stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, ip, 0))).withTimers(FAST),
                this::onRequest);
        this.rtpA = new RtpPort(ip);
        this.rtpB = new RtpPort(ip);
    }

    InetSocketAddress address() {
        return stack.listenPoints().get(0).address();
    }

    Contact contact() {
        return Contact.of(NameAddress.of(stack.localUri(USER, Transport.UDP)));
    }

    List<ServerRequest> requests(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void onRequest(ServerRequest request) {
        received.add(request);
        switch (request.method()) {
            case "INVITE" -> request.respond(request.response(200, "OK").contact(contact())
                    .body("application/sdp", sdp(rtpA)).build());
            case "ACK", "CANCEL" -> { }
            default -> request.respond(200, "OK");
        }
    }

    // ---- requests -----------------------------------------------------------------------

    SipRequest.Builder request(String method, SipUri uri, NameAddress to) {
        return SipRequest.builder(method, uri)
                .from(new NameAddress("", SipUri.of(USER, DOMAIN, -1), Parameters.EMPTY.with("tag", stack.tokens().tag())))
                .to(to)
                .callId(stack.tokens().callId(ip))
                .cseq(new CSeq(1, method))
                .maxForwards(70);
    }

    SipResponse register(InetSocketAddress provider) throws Exception {
        SipRequest register = request("REGISTER", SipUri.of(null, DOMAIN, -1), NameAddress.of(SipUri.of(USER, DOMAIN, -1)))
                .contact(contact()).header("Expires", "300").build();
        DigestClient account = DigestClient.withPassword(USER, PASSWORD, new SplittableRandom(7));
        return get(stack.requestWithAuth(register, Target.of(Transport.UDP, provider), account).toCompletableFuture());
    }

    CompletableFuture<SipResponse> options(InetSocketAddress provider) {
        SipRequest options = request("OPTIONS", SipUri.of(null, DOMAIN, -1), NameAddress.of(SipUri.of(null, DOMAIN, -1))).build();
        return stack.request(options, Target.of(Transport.UDP, provider)).toCompletableFuture();
    }

    /** A call to {@code number} through {@code provider}, offering media on {@code rtp}. */
    Call call(String number, InetSocketAddress provider, RtpPort rtp) throws Exception {
        Target target = Target.of(Transport.UDP, provider);
        SipRequest invite = stack.prepare(request("INVITE", SipUri.of(number, DOMAIN, -1), NameAddress.of(SipUri.of(number, DOMAIN, -1)))
                .contact(contact()).body("application/sdp", sdp(rtp)).build(), target);
        SipResponse answer = get(stack.request(invite, target).toCompletableFuture());
        Dialog dialog = answer.isSuccess() ? Dialog.asUac(invite, answer) : null;
        if (dialog != null) {
            stack.sendAck(dialog.ack(invite), target);
        }
        return new Call(invite, answer, dialog, target);
    }

    final class Call {
        final SipRequest invite;
        final SipResponse answer;
        final Dialog dialog;
        final Target target;

        Call(SipRequest invite, SipResponse answer, Dialog dialog, Target target) {
            this.invite = invite;
            this.answer = answer;
            this.dialog = dialog;
            this.target = target;
        }

        /** A re-INVITE moving our media to {@code rtp}, sent to {@code provider}. */
        SipResponse reInvite(RtpPort rtp, InetSocketAddress provider) throws Exception {
            Target to = Target.of(Transport.UDP, provider);
            SipRequest reInvite = stack.prepare(dialog.request("INVITE").toBuilder().body("application/sdp", sdp(rtp)).build(), to);
            SipResponse ok = get(stack.request(reInvite, to).toCompletableFuture());
            if (ok.isSuccess()) {
                stack.sendAck(dialog.ack(reInvite), to);
            }
            return ok;
        }

        SipResponse bye() throws Exception {
            return get(stack.request(dialog.bye(), target).toCompletableFuture());
        }
    }

    byte[] sdp(RtpPort rtp) {
        return ("v=0\r\no=site 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n"
                + "m=audio " + rtp.port() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=ptime:20\r\na=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stack.close();
        rtpA.close();
        rtpB.close();
    }

    /** A UDP port that counts the RTP it receives and sends 20 ms PCMU packets. */
    static final class RtpPort implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicInteger received = new AtomicInteger();
        final List<Long> ssrcs = new CopyOnWriteArrayList<>();

        RtpPort(String ip) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(ip, 0));
            Thread.ofPlatform().daemon().name("site-rtp").start(this::read);
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(InetSocketAddress to, int count) throws IOException, InterruptedException {
            for (int i = 0; i < count; i++) {
                ByteBuffer b = ByteBuffer.allocate(12 + 160);
                b.put((byte) 0x80).put((byte) 0).putShort((short) (100 + i)).putInt(160 * i).putInt(0x5173);
                socket.send(new DatagramPacket(b.array(), b.capacity(), to));
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        private void read() {
            byte[] buffer = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return;
                }
                received.incrementAndGet();
                if (ssrcs.size() < 4) {
                    ssrcs.add(ByteBuffer.wrap(p.getData(), 8, 4).getInt() & 0xFFFFFFFFL);
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
