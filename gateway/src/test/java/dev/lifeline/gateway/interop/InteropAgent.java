package dev.lifeline.gateway.interop;

import dev.lifeline.media.codec.G711;
import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
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
import dev.lifeline.sip.uri.SipUri;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user agent the interop tests drive: registers with digest, places a call (answering the
 * 407), answers calls at once, and sends and receives G.711 μ-law RTP on the port its SDP
 * announces — a 1 kHz tone out, and for what comes in a packet count and the audio energy, so a
 * test can tell real audio from silence. Timers are the RFC defaults (T1 500 ms): real peers
 * answer at their own pace.
 */
final class InteropAgent implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final String user;
    final SipStack stack;
    private final DigestClient account;
    private final DatagramSocket rtp;
    private final Thread rtpReader;
    private final AtomicInteger rtpReceived = new AtomicInteger();
    private final AtomicLong loudSamples = new AtomicLong();
    final List<ServerRequest> received = new CopyOnWriteArrayList<>();
    /** The INVITE this agent answered last and its 200, for media and hanging up. */
    volatile ServerRequest answeredInvite;
    volatile SipResponse answer;

    InteropAgent(String user, String password) throws Exception {
        this.user = user;
        this.account = DigestClient.withPassword(user, password, new SplittableRandom(user.hashCode()));
        this.stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0)))
                .withTimers(TimerConfig.DEFAULT), this::onRequest);
        this.rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.rtpReader = Thread.ofPlatform().daemon().name("rtp-" + user).start(this::readRtp);
    }

    // ---- registration -------------------------------------------------------------------

    /** REGISTER sip:user@domain at {@code registrar}, answering the 401. */
    SipResponse register(InetSocketAddress registrar, String domain, int expires) throws Exception {
        SipUri aor = SipUri.of(user, domain, -1);
        SipRequest register = SipRequest.builder("REGISTER", SipUri.of(null, domain, -1))
                .from(NameAddress.of(aor).withTag(stack.tokens().tag()))
                .to(NameAddress.of(aor))
                .callId(stack.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, "REGISTER"))
                .contact(contact())
                .header("Expires", Integer.toString(expires))
                .build();
        return get(stack.requestWithAuth(register, Target.of(Transport.UDP, registrar), account).toCompletableFuture());
    }

    // ---- as callee ----------------------------------------------------------------------

    private void onRequest(ServerRequest request) {
        received.add(request);
        switch (request.method()) {
            case "INVITE" -> {
                if (request.request().to().tag().isEmpty()) {
                    request.respond(180, "Ringing");
                    // Ring before answering, as a phone does: Kamailio runs two UDP workers, so a
                    // 180 and a 200 sent back to back can be relayed in either order.
                    Thread.ofVirtual().start(() -> {
                        sleepQuietly(RING);
                        answer(request);
                    });
                } else {
                    answer(request);
                }
            }
            case "ACK", "CANCEL" -> { }
            default -> request.respond(200, "OK");
        }
    }

    private static final Duration RING = Duration.ofMillis(100);

    private void answer(ServerRequest request) {
        SipResponse ok = request.response(200, "OK").contact(contact()).body("application/sdp", sdp()).build();
        if (request.respond(ok) && request.request().to().tag().isEmpty()) {
            answeredInvite = request;
            answer = ok;
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hangs up the call this agent answered last. */
    SipResponse hangUp() throws Exception {
        ServerRequest invite = answeredInvite;
        Dialog dialog = Dialog.asUas(invite.request(), answer);
        return get(stack.request(dialog.bye(), invite.source().replyTarget()).toCompletableFuture());
    }

    List<ServerRequest> requests(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    // ---- as caller ----------------------------------------------------------------------

    /** INVITE sip:number@domain sent to {@code next}, answering a 407; ACKs a 2xx. */
    Call call(String number, InetSocketAddress next, String domain) throws Exception {
        Target target = Target.of(Transport.UDP, next);
        SipUri to = SipUri.of(number, domain, -1);
        SipRequest invite = SipRequest.builder("INVITE", to)
                .from(new NameAddress("Interop " + user, SipUri.of(user, domain, -1),
                        dev.lifeline.sip.uri.Parameters.EMPTY.with("tag", stack.tokens().tag())))
                .to(NameAddress.of(to))
                .callId(stack.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, "INVITE"))
                .contact(contact())
                .body("application/sdp", sdp())
                .build();
        List<SipResponse> provisional = new CopyOnWriteArrayList<>();
        SipResponse last = get(stack.requestWithAuth(invite, target, account, provisional::add).toCompletableFuture());
        Call call = new Call(target, last, provisional, null);
        if (!last.isSuccess()) {
            return call;
        }
        // The ACK takes the CSeq of the INVITE that was answered: the retry with credentials.
        SipRequest answered = invite.toBuilder().cseq(last.cseq()).build();
        Dialog dialog = Dialog.asUac(answered, last);
        stack.sendAck(dialog.ack(answered), target);
        return new Call(target, last, provisional, dialog);
    }

    /** A call this agent placed: the final response and, when answered, the dialog. */
    final class Call {
        final Target target;
        final SipResponse response;
        final List<SipResponse> provisional;
        final Dialog dialog;

        Call(Target target, SipResponse response, List<SipResponse> provisional, Dialog dialog) {
            this.target = target;
            this.response = response;
            this.provisional = provisional;
            this.dialog = dialog;
        }

        SipResponse bye() throws Exception {
            return get(stack.request(dialog.bye(), target).toCompletableFuture());
        }
    }

    // ---- media --------------------------------------------------------------------------

    int rtpPort() {
        return rtp.getLocalPort();
    }

    byte[] sdp() {
        return ("v=0\r\no=" + user.replace("+", "") + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Where the SDP of a message says to send audio. */
    static InetSocketAddress mediaTarget(SipMessage message) {
        SdpResult result = SessionDescription.parse(new String(message.body(), StandardCharsets.UTF_8));
        if (!(result instanceof SdpResult.Parsed parsed)) {
            throw new AssertionError("no usable SDP in " + message.startLine() + ": " + result);
        }
        return RemoteMedia.from(parsed.sdp(), 0).orElseThrow().rtp();
    }

    /** Sends {@code count} 20 ms PCMU packets of a 1 kHz tone at -10 dBFS, at real pace. */
    void sendTone(InetSocketAddress to, int count) throws IOException, InterruptedException {
        int ssrc = user.hashCode();
        short[] pcm = new short[160];
        byte[] payload = new byte[160];
        for (int i = 0; i < count; i++) {
            for (int s = 0; s < pcm.length; s++) {
                pcm[s] = (short) (10_000 * Math.sin(2 * Math.PI * 1000 * (i * 160 + s) / 8000.0));
            }
            G711.encodeUlaw(pcm, 0, payload, 0, pcm.length);
            ByteBuffer b = ByteBuffer.allocate(12 + 160);
            b.put((byte) 0x80).put((byte) (i == 0 ? 0x80 : 0)).putShort((short) (1000 + i)).putInt(160 * i).putInt(ssrc);
            b.put(payload);
            rtp.send(new DatagramPacket(b.array(), b.capacity(), to));
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    int rtpReceived() {
        return rtpReceived.get();
    }

    /** Samples received above -30 dBFS (|x| > 1000) in PCMU or PCMA packets: zero for silence. */
    long loudSamplesReceived() {
        return loudSamples.get();
    }

    private void readRtp() {
        byte[] buffer = new byte[2048];
        short[] pcm = new short[2048];
        while (!rtp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                rtp.receive(p);
                int pt = buffer[1] & 0x7f;
                if (p.getLength() <= 12 || (buffer[0] & 0xc0) != 0x80 || pt >= 72 && pt <= 76) {
                    continue;   // not RTP, or RTCP
                }
                rtpReceived.incrementAndGet();
                int headerLength = 12 + 4 * (buffer[0] & 0x0f);
                int samples = p.getLength() - headerLength;
                if (samples > 0 && (pt == 0 || pt == 8)) {
                    byte[] payload = java.util.Arrays.copyOfRange(buffer, headerLength, p.getLength());
                    if (pt == 0) {
                        G711.decodeUlaw(payload, 0, pcm, 0, samples);
                    } else {
                        G711.decodeAlaw(payload, 0, pcm, 0, samples);
                    }
                    long loud = 0;
                    for (int s = 0; s < samples; s++) {
                        loud += Math.abs(pcm[s]) > 1000 ? 1 : 0;
                    }
                    loudSamples.addAndGet(loud);
                }
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
