package dev.lifeline.gateway.routing;

import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.CancelRequest;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A SIP user agent on loopback for the B2BUA tests: a phone or the provider. It answers the way
 * the test tells it to, places calls, and sends and counts RTP on the port its SDP announces.
 */
final class TestAgent implements AutoCloseable {

    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(250));
    static final Duration WAIT = Duration.ofSeconds(5);

    final String user;
    final SipStack stack;
    final List<ServerRequest> received = new CopyOnWriteArrayList<>();
    private final DatagramSocket rtp;
    private final AtomicInteger rtpReceived = new AtomicInteger();
    private final Thread rtpReader;
    private volatile BiConsumer<TestAgent, ServerRequest> onInvite = TestAgent::answer;
    /** The last INVITE this agent answered 200, and the 200. */
    volatile Answered answered;

    record Answered(ServerRequest invite, SipResponse ok) {
    }

    TestAgent(String user) throws TransportException, SocketException {
        this(user, "127.0.0.1");
    }

    /** An agent listening on {@code host} (any 127.0.0.x: a second provider target, say). */
    TestAgent(String user, String host) throws TransportException, SocketException {
        this.user = user;
        this.stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, host, 0))).withTimers(FAST),
                this::onRequest);
        this.rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.rtpReader = Thread.ofPlatform().daemon().name("rtp-" + user).start(this::readRtp);
    }

    InetSocketAddress address() {
        return stack.listenPoints().get(0).address();
    }

    int rtpPort() {
        return rtp.getLocalPort();
    }

    int rtpReceived() {
        return rtpReceived.get();
    }

    TestAgent onInvite(BiConsumer<TestAgent, ServerRequest> behaviour) {
        this.onInvite = behaviour;
        return this;
    }

    List<String> methods() {
        return received.stream().map(ServerRequest::method).toList();
    }

    List<ServerRequest> requests(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    // ---- as callee ----------------------------------------------------------------------

    private void onRequest(ServerRequest request) {
        received.add(request);
        switch (request.method()) {
            case "INVITE" -> {
                if (request.request().to().tag().isPresent()) {
                    request.respond(request.response(200, "OK").contact(contact()).body("application/sdp", sdp("sendrecv"))
                            .build());
                } else {
                    onInvite.accept(this, request);
                }
            }
            case "ACK", "CANCEL" -> { }
            default -> request.respond(200, "OK");
        }
    }

    /** Rings, then answers with SDP. */
    static void answer(TestAgent agent, ServerRequest invite) {
        invite.respond(180, "Ringing");
        SipResponse ok = invite.response(200, "OK").contact(agent.contact()).body("application/sdp", agent.sdp("sendrecv")).build();
        if (invite.respond(ok)) {
            agent.answered = new Answered(invite, ok);
        }
    }

    static void ring(TestAgent agent, ServerRequest invite) {
        invite.respond(180, "Ringing");
    }

    static BiConsumer<TestAgent, ServerRequest> reject(int status, String reason) {
        return (agent, invite) -> invite.respond(status, reason);
    }

    /** Answers the ringing INVITE this agent received last. */
    void answerNow() {
        ServerRequest invite = requests("INVITE").getLast();
        SipResponse ok = invite.response(200, "OK").contact(contact()).body("application/sdp", sdp("sendrecv")).build();
        if (invite.respond(ok)) {
            answered = new Answered(invite, ok);
        }
    }

    /** Hangs up the call it answered. */
    SipResponse byeAsCallee() throws Exception {
        Answered a = answered;
        Dialog d = Dialog.asUas(a.invite().request(), a.ok());
        return get(stack.request(d.bye(), a.invite().source().replyTarget()).toCompletableFuture());
    }

    // ---- as caller ----------------------------------------------------------------------

    OutgoingCall call(String number, InetSocketAddress gateway) {
        return call(number, gateway, sdp("sendrecv"));
    }

    OutgoingCall call(String number, InetSocketAddress gateway, byte[] body) {
        return call(number, gateway, body, 70);
    }

    OutgoingCall call(String number, InetSocketAddress gateway, byte[] body, int maxForwards) {
        Target target = Target.of(Transport.UDP, gateway);
        String host = gateway.getAddress().getHostAddress();
        SipRequest invite = SipRequest.builder("INVITE", SipUri.of(number, host, gateway.getPort()))
                .from(new NameAddress("Test " + user, SipUri.of(user, "127.0.0.1", -1),
                        Parameters.EMPTY.with("tag", stack.tokens().tag())))
                .to(NameAddress.of(SipUri.of(number, host, -1)))
                .callId(stack.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, "INVITE"))
                .contact(contact())
                .maxForwards(maxForwards)
                .body("application/sdp", body)
                .build();
        return new OutgoingCall(this, stack.prepare(invite, target), target);
    }

    /** A call this agent placed. */
    static final class OutgoingCall {
        final TestAgent agent;
        final SipRequest invite;
        final Target target;
        final List<SipResponse> provisional = new CopyOnWriteArrayList<>();
        final CompletableFuture<SipResponse> result;
        private Dialog dialog;

        OutgoingCall(TestAgent agent, SipRequest invite, Target target) {
            this.agent = agent;
            this.invite = invite;
            this.target = target;
            this.result = agent.stack.request(invite, target, provisional::add).toCompletableFuture();
        }

        SipResponse awaitFinal() throws Exception {
            return get(result);
        }

        /** ACKs the 200 and keeps the dialog. */
        SipResponse answeredAndAcked() throws Exception {
            SipResponse ok = awaitFinal();
            dialog = Dialog.asUac(invite, ok);
            agent.stack.sendAck(dialog.ack(invite), target);
            return ok;
        }

        SipResponse bye() throws Exception {
            return get(agent.stack.request(dialog.bye(), target).toCompletableFuture());
        }

        SipResponse cancel() throws Exception {
            return get(agent.stack.request(CancelRequest.of(invite), target).toCompletableFuture());
        }

        /** A REFER in the dialog (RFC 3515): asks the other side to call {@code referTo}. */
        SipResponse refer(String referTo) throws Exception {
            SipRequest refer = dialog.request("REFER").toBuilder().header("Refer-To", "<" + referTo + ">")
                    .header("Referred-By", "<" + agent.contact().uri() + ">").build();
            return get(agent.stack.request(refer, target).toCompletableFuture());
        }

        /** A re-INVITE in the dialog with the given SDP direction (hold: sendonly). */
        SipResponse reInvite(String direction) throws Exception {
            SipRequest reInvite = dialog.request("INVITE").toBuilder().body("application/sdp", agent.sdp(direction)).build();
            SipRequest prepared = agent.stack.prepare(reInvite, target);
            SipResponse ok = get(agent.stack.request(prepared, target).toCompletableFuture());
            if (ok.isSuccess()) {
                agent.stack.sendAck(dialog.ack(prepared), target);
            }
            return ok;
        }
    }

    // ---- media --------------------------------------------------------------------------

    byte[] sdp(String direction) {
        return ("v=0\r\no=" + user + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=ptime:20\r\na=" + direction + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Where the SDP of a message says to send media. */
    static InetSocketAddress mediaTarget(SipMessage message) {
        SdpResult result = SessionDescription.parse(new String(message.body(), StandardCharsets.UTF_8));
        SessionDescription sdp = ((SdpResult.Parsed) result).sdp();
        return RemoteMedia.from(sdp, 0).orElseThrow().rtp();
    }

    static SessionDescription sdpOf(SipMessage message) {
        return ((SdpResult.Parsed) SessionDescription.parse(new String(message.body(), StandardCharsets.UTF_8))).sdp();
    }

    /** Sends {@code count} 20 ms PCMU packets at their real pace, so jitter reads as on a quiet LAN. */
    void sendRtp(InetSocketAddress to, int count) throws IOException, InterruptedException {
        long ssrc = user.hashCode();
        for (int i = 0; i < count; i++) {
            ByteBuffer b = ByteBuffer.allocate(12 + 160);
            b.put((byte) 0x80).put((byte) 0).putShort((short) (1000 + i)).putInt(160 * i).putInt((int) ssrc);
            rtp.send(new DatagramPacket(b.array(), b.capacity(), to));
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void readRtp() {
        byte[] buffer = new byte[2048];
        while (!rtp.isClosed()) {
            try {
                rtp.receive(new DatagramPacket(buffer, buffer.length));
                rtpReceived.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    Contact contact() {
        return Contact.of(NameAddress.of(stack.localUri(user, Transport.UDP)));
    }

    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stack.close();
        rtp.close();
        rtpReader.interrupt();
    }
}
