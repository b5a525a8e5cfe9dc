package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing on a stream: every message split at every offset, pipelined, and with keepalives between. */
class StreamFramerTest {

    private static final ParseLimits LIMITS = ParseLimits.DEFAULT;

    /** What a decoder built on the framer would emit: message bytes or "ping"/"pong". */
    static final class RecordingDecoder {
        final List<Object> out = new ArrayList<>();
        final StreamFramer framer;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private int start;

        RecordingDecoder() {
            this(LIMITS);
        }

        RecordingDecoder(ParseLimits limits) {
            framer = new StreamFramer(limits);
        }

        void feed(byte[] chunk) {
            buffer.writeBytes(chunk);
            // A fresh array each time, as a decoder's buffer may move: the framer keeps positions
            // relative to the message, not to the array.
            byte[] buf = buffer.toByteArray();
            while (true) {
                Frame f = framer.next(buf, start, buf.length - start);
                switch (f) {
                    case Frame.Complete c -> {
                        out.add(Arrays.copyOfRange(buf, start, start + c.length()));
                        start += c.length();
                    }
                    case Frame.KeepAlive k -> {
                        out.add(k.ping() ? "ping" : "pong");
                        start += k.length();
                    }
                    case Frame.NeedMore n -> {
                        return;
                    }
                    case Frame.Invalid i -> throw new AssertionError("framing failed: " + i.reason());
                }
            }
        }
    }

    /** Corpus messages that carry a Content-Length, as their exact bytes. */
    static Stream<byte[]> streamable() {
        SipParser parser = new SipParser();
        return Corpus.allOk().stream()
                .map(d -> ((ParseResult.Ok) parser.parse(d)).message())
                .filter(m -> m.headers().contains("Content-Length"))
                .map(m -> m.toBytes());
    }

    @ParameterizedTest
    @MethodSource("streamable")
    void everySplitOffsetFramesTheWholeMessage(byte[] message) {
        for (int split = 0; split <= message.length; split++) {
            RecordingDecoder d = new RecordingDecoder();
            d.feed(Arrays.copyOfRange(message, 0, split));
            d.feed(Arrays.copyOfRange(message, split, message.length));
            assertThat(d.out).as("split at " + split).hasSize(1);
            assertThat((byte[]) d.out.get(0)).isEqualTo(message);
        }
    }

    @Test
    void pipelinedMessagesWithKeepalivesFrameInOrderWhateverTheChunking() {
        List<byte[]> messages = streamable().toList();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            all.writeBytes(messages.get(i));
            expected.add(messages.get(i));
            if (i % 3 == 0) {
                all.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                expected.add("ping");
            }
        }
        byte[] stream = all.toByteArray();
        for (int chunk : new int[] {1, 2, 3, 7, 64, 1000, stream.length}) {
            RecordingDecoder d = new RecordingDecoder();
            for (int i = 0; i < stream.length; i += chunk) {
                d.feed(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunk)));
            }
            List<Object> got = pingsSplitAcrossReads(d.out);
            assertThat(got).as("chunk " + chunk).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(got.get(i)).as("chunk %d item %d", chunk, i).isEqualTo(expected.get(i));
            }
        }
    }

    /**
     * A ping whose two CRLFs arrive in separate reads is reported as two pongs (see Frame.KeepAlive);
     * a server answers either, so for comparison two pongs in a row count as one ping.
     */
    private static List<Object> pingsSplitAcrossReads(List<Object> out) {
        List<Object> merged = new ArrayList<>();
        for (Object o : out) {
            if ("pong".equals(o) && !merged.isEmpty() && "pong".equals(merged.get(merged.size() - 1))) {
                merged.set(merged.size() - 1, "ping");
            } else {
                merged.add(o);
            }
        }
        return merged;
    }

    /** A request with over 60 KB of headers (240 filler lines of 250 bytes) and a body, within the default limits. */
    static byte[] largeMessage() {
        StringBuilder text = new StringBuilder("MESSAGE sip:1001@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bKlarge\r\n"
                + "From: <sip:1002@127.0.0.1>;tag=large\r\nTo: <sip:1001@127.0.0.1>\r\n"
                + "Call-ID: large@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n");
        for (int i = 0; i < 240; i++) {
            text.append(String.format("X-Filler-%03d: ", i)).append("f".repeat(234)).append("\r\n");
        }
        text.append("Content-Length: 5\r\n\r\nhello");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLargeMessageFedOneByteAtATimeIsFramedWholeAndScannedInLinearWork() {
        byte[] message = largeMessage();
        assertThat(message.length).isBetween(60_000, LIMITS.maxMessageBytes());
        byte[] stream = concat(message, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), message);
        OneByteAtATime d = new OneByteAtATime(stream);
        assertThat(d.out).hasSize(4);
        assertThat((byte[]) d.out.get(0)).isEqualTo(message);
        assertThat(pingsSplitAcrossReads(d.out.subList(1, 3))).containsExactly("ping");
        assertThat((byte[]) d.out.get(3)).isEqualTo(message);
        // Each byte is searched once for the end of the headers, and the headers once more for
        // Content-Length: at most twice the stream. Rescanning on every read would be ~1.8e9.
        assertThat(d.framer.bytesExamined()).isLessThanOrEqualTo(2L * stream.length);
    }

    @Test
    void aBodyArrivingByteByByteDoesNotRescanTheHeaders() {
        String head = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 40000\r\n\r\n";
        byte[] message = (head + "b".repeat(40_000)).getBytes(StandardCharsets.US_ASCII);
        OneByteAtATime d = new OneByteAtATime(message);
        assertThat(d.out).hasSize(1);
        assertThat((byte[]) d.out.get(0)).isEqualTo(message);
        assertThat(d.framer.bytesExamined()).isLessThanOrEqualTo(2L * head.length());
    }

    /**
     * Frames a stream as if each byte arrived in a read of its own. The bytes already lie in one
     * array and only the length presented grows, so that the test itself stays linear.
     */
    private static final class OneByteAtATime {
        final List<Object> out = new ArrayList<>();
        final StreamFramer framer = new StreamFramer(LIMITS);

        OneByteAtATime(byte[] stream) {
            int start = 0;
            for (int arrived = 1; arrived <= stream.length; arrived++) {
                boolean more = true;
                while (more && start < arrived) {
                    switch (framer.next(stream, start, arrived - start)) {
                        case Frame.Complete c -> {
                            out.add(Arrays.copyOfRange(stream, start, start + c.length()));
                            start += c.length();
                        }
                        case Frame.KeepAlive k -> {
                            out.add(k.ping() ? "ping" : "pong");
                            start += k.length();
                        }
                        case Frame.NeedMore n -> more = false;
                        case Frame.Invalid i -> throw new AssertionError("framing failed: " + i.reason());
                    }
                }
            }
        }
    }

    @Test
    void aFramerStartsAfreshAfterAFailure() {
        StreamFramer framer = new StreamFramer(LIMITS);
        byte[] bad = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(framer.next(bad, 0, 20)).isInstanceOf(Frame.NeedMore.class);
        assertThat(framer.next(bad, 0, bad.length)).isInstanceOf(Frame.Invalid.class);
        byte[] good = Corpus.sample("ok-invite");
        assertThat(framer.next(good, 0, good.length)).isEqualTo(new Frame.Complete(good.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void threeBackToBackInOneBufferEachParse() {
        byte[] a = Corpus.sample("register-auth-yealink");
        byte[] b = Corpus.sample("invite-sdp-record-route");
        byte[] c = Corpus.sample("ok-invite");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(a);
        all.writeBytes(b);
        all.writeBytes(c);
        byte[] buf = all.toByteArray();
        SipParser parser = new SipParser();
        int off = 0;
        for (byte[] expected : List.of(a, b, c)) {
            var f = (Frame.Complete) StreamFramer.next(buf, off, buf.length - off, LIMITS);
            assertThat(f.length()).isEqualTo(expected.length);
            var ok = (ParseResult.Ok) parser.parse(buf, off, f.length());
            assertThat(ok.consumed()).isEqualTo(expected.length);
            off += f.length();
        }
        assertThat(off).isEqualTo(buf.length);
    }

    @Test
    void keepalives() {
        assertThat(next("\r\n\r\n")).isEqualTo(new Frame.KeepAlive(4, true));
        assertThat(next("\r\n")).isEqualTo(new Frame.KeepAlive(2, false));
        assertThat(next("\r\nINVITE")).isEqualTo(new Frame.KeepAlive(2, false));
        assertThat(next("\r\n\r")).isInstanceOf(Frame.NeedMore.class);
        assertThat(next("\r")).isInstanceOf(Frame.NeedMore.class);
        assertThat(next("")).isInstanceOf(Frame.NeedMore.class);
    }

    @Test
    void contentLengthIsMandatoryAndMustBeANumber() {
        String head = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n";
        assertThat(next(head + "\r\n")).isEqualTo(new Frame.Invalid("missing Content-Length (mandatory on stream transports)"));
        assertThat(next(head + "Content-Length: -1\r\n\r\n")).isEqualTo(new Frame.Invalid("Content-Length is negative"));
        assertThat(next(head + "Content-Length: 1x\r\n\r\n")).isEqualTo(new Frame.Invalid("Content-Length is not a number"));
        assertThat(next(head + "l: 1\r\nContent-Length: 1\r\n\r\nab")).isEqualTo(new Frame.Invalid("multiple Content-Length header fields"));
        assertThat(next(head + "Content-Length: 99999999999999999999\r\n\r\n"))
                .isEqualTo(new Frame.Invalid("message exceeds the 65536-byte limit"));
        assertThat(next(head + "Content-Length: 5\r\n\r\nab")).isInstanceOf(Frame.NeedMore.class);
    }

    @Test
    void compactAndFoldedContentLength() {
        String head = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n";
        String folded = head + "L :\r\n   3\r\nX: y\r\n\r\nabcEXTRA";
        assertThat(next(folded)).isEqualTo(new Frame.Complete(folded.length() - 5));
        String compact = head + "l:2\r\n\r\nab";
        assertThat(next(compact)).isEqualTo(new Frame.Complete(compact.length()));
    }

    @Test
    void limits() {
        ParseLimits small = new ParseLimits(200, 3, 40);
        byte[] longLine = ("OPTIONS sip:a@b SIP/2.0\r\nX: " + "a".repeat(50) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(StreamFramer.next(longLine, 0, longLine.length, small)).isEqualTo(new Frame.Invalid("a line exceeds the 40-byte limit"));
        byte[] noEnd = ("OPTIONS sip:a@b SIP/2.0" + "a".repeat(60)).getBytes(StandardCharsets.US_ASCII);
        assertThat(StreamFramer.next(noEnd, 0, noEnd.length, small)).isEqualTo(new Frame.Invalid("a line exceeds the 40-byte limit"));
        byte[] many = "OPTIONS sip:a@b SIP/2.0\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(StreamFramer.next(many, 0, many.length, small)).isEqualTo(new Frame.Invalid("message exceeds the 3-header-field limit"));
    }

    private static Frame next(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return StreamFramer.next(b, 0, b.length, LIMITS);
    }
}
