package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.SipRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SipStreamDecoderTest {

    private static final byte[] INVITE = SipSamples.bytes("invite-with-sdp.sip");
    private static final byte[] REGISTER = SipSamples.bytes("register.sip");

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SipStreamEncoder(),
                SipStreamDecoder.forAccepted(new SipParser(ParseLimits.DEFAULT), ParseLimits.DEFAULT));
    }

    @Test
    void decodesAMessageSplitAtEveryOffset() {
        for (int split = 1; split < INVITE.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(INVITE, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(INVITE, split, INVITE.length - split));
            List<Object> out = drain(ch);
            assertThat(out).as("split at %d", split).hasSize(1);
            assertOk(out.get(0), "1j9FpLxk3uxtm8tn@127.0.0.1");
            assertThat(((ParseResult.Ok) out.get(0)).message().body()).hasSize(bodyLength(INVITE));
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void decodesAMessageWrittenOneByteAtATime() {
        EmbeddedChannel ch = channel();
        for (byte b : INVITE) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1);
        assertOk(out.get(0), "1j9FpLxk3uxtm8tn@127.0.0.1");
        ch.finishAndReleaseAll();
    }

    @Test
    void decodesPipelinedMessagesAndKeepalivesSplitAtEveryOffset() {
        byte[] stream = concat(REGISTER, INVITE, crlf("\r\n\r\n"), REGISTER);
        for (int split = 1; split < stream.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(stream, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(stream, split, stream.length - split));
            List<Object> out = drain(ch);
            List<Object> messages = out.stream().filter(m -> !(m instanceof StreamKeepAlive)).toList();
            assertThat(messages).as("split at %d", split).hasSize(3);
            assertOk(messages.get(0), "register-102@127.0.0.1");
            assertOk(messages.get(1), "1j9FpLxk3uxtm8tn@127.0.0.1");
            assertOk(messages.get(2), "register-102@127.0.0.1");
            // A ping split in two may be answered twice; either way the client gets its pong.
            assertThat(outboundText(ch)).isIn("\r\n", "\r\n\r\n");
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void answersAPingWithAPongAndReportsPongs() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(crlf("\r\n\r\n")));
        assertThat(outboundText(ch)).isEqualTo("\r\n");
        assertThat(drain(ch)).containsExactly(StreamKeepAlive.PING);

        ch.writeOutbound(StreamKeepAlive.PING);
        assertThat(outboundText(ch)).isEqualTo("\r\n\r\n");
        ch.writeInbound(Unpooled.wrappedBuffer(crlf("\r\n")), Unpooled.wrappedBuffer(REGISTER));
        List<Object> out = drain(ch);
        assertThat(out).first().isEqualTo(StreamKeepAlive.PONG);
        assertThat(out).hasSize(2);
        ch.finishAndReleaseAll();
    }

    @Test
    void aDialledConnectionTreatsALoneCrlfAsAPongAndDoesNotAnswerIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamEncoder(),
                SipStreamDecoder.forDialled(new SipParser(ParseLimits.DEFAULT), ParseLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(crlf("\r\n")), Unpooled.wrappedBuffer(REGISTER));
        assertThat(drain(ch)).hasSize(2).first().isEqualTo(StreamKeepAlive.PONG);
        assertThat(outboundText(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void endlessHeadersDesynchroniseTheStreamOnceAndLaterBytesAreDiscarded() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(crlf("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\n")));
        byte[] header = crlf("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 20_000 && out.isEmpty(); i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(header));
            out.addAll(drain(ch));
        }
        assertThat(out).hasSize(1).first().isInstanceOf(StreamDesynchronised.class);
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER));
        assertThat(drain(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void badFramingDesynchronisesWithTheHeadersReadSoFar() {
        EmbeddedChannel ch = channel();
        String bad = new String(REGISTER, StandardCharsets.UTF_8).replace("Content-Length: 0", "Content-Length: many");
        ch.writeInbound(Unpooled.wrappedBuffer(bad.getBytes(StandardCharsets.UTF_8)));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1).first().isInstanceOfSatisfying(StreamDesynchronised.class, d -> {
            assertThat(d.overLimit()).isFalse();
            assertThat(d.reason()).isNotBlank();
        });
        ch.finishAndReleaseAll();
    }

    @Test
    void aLargeMessageInDirectBuffersOneByteAtATimeDecodes() {
        byte[] message = StreamFramerTest.largeMessage();
        EmbeddedChannel ch = channel();
        for (byte b : message) {
            ByteBuf one = ch.alloc().directBuffer(1).writeByte(b);
            ch.writeInbound(one);
        }
        List<Object> out = drain(ch);
        assertThat(out).hasSize(1).first().isInstanceOfSatisfying(ParseResult.Ok.class,
                ok -> assertThat(ok.message().body()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII)));
        ch.finishAndReleaseAll();
    }

    // ---- the message deadline (slowloris), on the channel's fake clock ------------------------

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static EmbeddedChannel withDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamEncoder(),
                SipStreamDecoder.forAccepted(new SipParser(ParseLimits.DEFAULT), ParseLimits.DEFAULT, DEADLINE));
        ch.freezeTime();
        return ch;
    }

    private static void elapse(EmbeddedChannel ch, Duration d) {
        ch.advanceTimeBy(d.toMillis(), TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void aRequestTrickledOneByteASecondEndsTheStreamAtTheDeadline() {
        EmbeddedChannel ch = withDeadline();
        for (int second = 0; second < 10; second++) {
            assertThat(drain(ch)).as("after %d s", second).isEmpty();
            ch.writeInbound(Unpooled.wrappedBuffer(REGISTER, second, 1));
            elapse(ch, Duration.ofSeconds(1));
        }
        assertThat(drain(ch)).containsExactly(new StreamTooSlow(DEADLINE, 10));
        // Whatever follows is discarded, even a whole message.
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER));
        elapse(ch, Duration.ofSeconds(30));
        assertThat(drain(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void keepalivesAloneStartNoDeadline() {
        EmbeddedChannel ch = withDeadline();
        for (int i = 0; i < 12; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(crlf("\r\n\r\n")));
            elapse(ch, Duration.ofSeconds(5));
        }
        assertThat(drain(ch)).hasSize(12).containsOnly(StreamKeepAlive.PING);
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER));
        assertOk(drain(ch).get(0), "register-102@127.0.0.1");
        ch.finishAndReleaseAll();
    }

    @Test
    void eachMessageHasItsOwnDeadlineFromItsFirstByte() {
        EmbeddedChannel ch = withDeadline();
        int half = REGISTER.length / 2;
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER, 0, half));
        elapse(ch, Duration.ofSeconds(9));
        // The end of the first message and the start of the second arrive in one read.
        ch.writeInbound(Unpooled.wrappedBuffer(concat(Arrays.copyOfRange(REGISTER, half, REGISTER.length),
                Arrays.copyOfRange(REGISTER, 0, half))));
        elapse(ch, Duration.ofSeconds(9));
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER, half, REGISTER.length - half));
        elapse(ch, Duration.ofSeconds(30));
        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertOk(out.get(0), "register-102@127.0.0.1");
        assertOk(out.get(1), "register-102@127.0.0.1");
        ch.finishAndReleaseAll();
    }

    @Test
    void aDialledConnectionHasNoDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamEncoder(),
                SipStreamDecoder.forDialled(new SipParser(ParseLimits.DEFAULT), ParseLimits.DEFAULT));
        ch.freezeTime();
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER, 0, 10));
        elapse(ch, Duration.ofMinutes(5));
        ch.writeInbound(Unpooled.wrappedBuffer(REGISTER, 10, REGISTER.length - 10));
        assertOk(drain(ch).get(0), "register-102@127.0.0.1");
        ch.finishAndReleaseAll();
    }

    static void assertOk(Object decoded, String callId) {
        assertThat(decoded).isInstanceOfSatisfying(ParseResult.Ok.class, ok -> {
            assertThat(ok.message()).isInstanceOf(SipRequest.class);
            assertThat(ok.message().callId()).isEqualTo(callId);
        });
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            out.add(msg);
        }
        return out;
    }

    private static String outboundText(EmbeddedChannel ch) {
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return text.toString();
    }

    private static int bodyLength(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return message.length - (text.indexOf("\r\n\r\n") + 4);
    }

    private static byte[] crlf(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
