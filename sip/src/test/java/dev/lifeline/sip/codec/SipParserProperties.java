package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzing the parser and framer with mutated corpus messages, SIP-shaped token soup and random
 * bytes: they never throw (the parser's last-resort catch counts as a failure), return quickly,
 * allocate within the limits whatever Content-Length claims, and every Ok message answers all its
 * typed accessors and survives a round trip.
 *
 * <p>Four properties of 25,000 examples each and one of 200: over 100,000 fuzz cases per run,
 * each from a fixed seed. QuickTheories skips an input it has already tried, and a failure
 * reports the smallest input it shrank to, as text with escapes.
 */
class SipParserProperties {

    private static final SipParser PARSER = new SipParser();
    private static final List<byte[]> SEEDS = seeds();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MAX_NANOS = 1_000_000_000L;

    private static final List<String> FRAGMENTS = List.of("INVITE ", "REGISTER ", "SIP/2.0", " ", "  ", "\r\n",
            "\n", "\r", "sip:", "sips:", "tel:+1-555", "user@", "host.example.com", ":5060", ":99999", ";", "=", "<",
            ">", "\"", "\\", ",", "Via: ", "v:", "SIP/2.0/UDP ", "SIP/2.0/TCP [::1]", "From: ", "To: ", "t:", "Call-ID: ",
            "i:", "CSeq: ", "1 INVITE", "2147483648 REGISTER", "Contact: ", "m:", "*", "Max-Forwards: ", "70", "256",
            "Content-Length: ", "l:", "0", "5", "99999999999", "-1", "tag=", "branch=z9hG4bK", "?", "&", "%", "%41",
            "%4", "[::1]", "\t", " \r\n ", "\r\n\r\n", "Route: ", "Record-Route: ", "Date: Fri, 01 Jan 2010 16:00:00 GMT",
            "Expires: ", "Retry-After: ", "Authorization: Digest ", "realm=\"x\", nonce=\"y\"", "SIP/2.0 200 OK\r\n",
            "\u00ff\u00fe", "\u4e2d", "@", "lr", "q=0.5", "expires=4294967296", "display name ", "\u0000", "abc");

    /** A request with every required header, so that soup after it lands in header values. */
    private static final String VALID_HEAD = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x@y\r\nCSeq: 1 INVITE\r\n";

    private static final List<String> START_LINES = List.of("INVITE sip:bob@example.com SIP/2.0\r\n",
            "REGISTER sip:example.com SIP/2.0\r\n", "SIP/2.0 200 OK\r\n", "SIP/2.0 401 Unauthorized\r\n", "",
            VALID_HEAD + "Contact: ", VALID_HEAD + "X-Soup: ", VALID_HEAD + "Route: ", VALID_HEAD + "Via: SIP/2.0/UDP ",
            VALID_HEAD + "Authorization: Digest ");

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (List<String> names : List.of(Corpus.VALID, Corpus.INVALID, Corpus.SEMANTIC_OK, List.of("insuf", "multi01", "mcl01"))) {
            names.forEach(n -> seeds.add(Corpus.rfc4475(n)));
        }
        Corpus.SAMPLES.forEach(n -> seeds.add(Corpus.sample(n)));
        return seeds;
    }

    /** Tallies printed after each property: the cases it ran and how many of their parses reached Ok. */
    private long cases;
    private long parsedOk;
    private long parsedInvalid;

    @AfterEach
    void report(TestInfo test) {
        System.out.printf("%s: %d cases, %d parses: %d ok, %d invalid%n", test.getDisplayName(), cases,
                parsedOk + parsedInvalid, parsedOk, parsedInvalid);
    }

    // ---- properties ----

    @Test
    void mutatedCorpusNeverBreaksTheParser() {
        qt().withExamples(30_000).withFixedSeed(0x5195_0001L)
                .forAll(mutatedCorpus())
                .checkAssert(this::check);
    }

    @Test
    void sipShapedSoupNeverBreaksTheParser() {
        qt().withExamples(30_000).withFixedSeed(0x5195_0002L)
                .forAll(soup())
                .checkAssert(this::check);
    }

    @Test
    void randomBytesNeverBreakTheParser() {
        qt().withExamples(30_000).withFixedSeed(0x5195_0003L)
                .forAll(Generate.byteArrays(Generate.range(0, 1_500), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                        .describedAs(SipParserProperties::escaped))
                .checkAssert(this::check);
    }

    @Test
    void framerNeverThrowsAndStaysInBounds() {
        qt().withExamples(30_000).withFixedSeed(0x5195_0004L)
                .forAll(mutatedCorpus())
                .checkAssert(this::framerStaysInBounds);
    }

    private void framerStaysInBounds(byte[] data) {
        cases++;
        Frame f = StreamFramer.next(data, 0, data.length, ParseLimits.DEFAULT);
        switch (f) {
            case Frame.Complete c -> {
                assertThat(c.length()).isBetween(1, data.length);
                assertThat(StreamFramer.next(data, 0, c.length(), ParseLimits.DEFAULT)).isEqualTo(c);
                parse(Arrays.copyOf(data, c.length()));
            }
            case Frame.KeepAlive k -> assertThat(k.length()).isBetween(1, Math.min(4, data.length));
            case Frame.NeedMore n -> assertThat(data.length).isLessThan(ParseLimits.DEFAULT.maxMessageBytes());
            case Frame.Invalid i -> assertThat(i.reason()).isNotBlank();
        }
    }

    @Test
    void giantContentLengthsAllocateNothing() {
        qt().withExamples(200).withFixedSeed(0x5195_0005L)
                .forAll(giantLength())
                .checkAssert(length -> {
                    byte[] data = ("INVITE sip:a@b SIP/2.0\r\nContent-Length: " + length + "\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII);
                    check(data);
                    assertThat(PARSER.parse(data)).isInstanceOf(ParseResult.Invalid.class);
                    assertThat(StreamFramer.next(data, 0, data.length, ParseLimits.DEFAULT)).isInstanceOf(Frame.Invalid.class);
                });
    }

    // ---- the check every input goes through ----

    private void check(byte[] data) {
        cases++;
        parse(data);
    }

    private void parse(byte[] data) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        ParseResult r = PARSER.parse(data, 0, data.length);
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(nanos).as("parse time").isLessThan(MAX_NANOS);
        assertThat(allocated).as("bytes allocated for %d input bytes", data.length).isLessThan(1_000_000L + 64L * data.length);
        if (r instanceof ParseResult.Ok) {
            parsedOk++;
        } else {
            parsedInvalid++;
        }
        switch (r) {
            case ParseResult.Invalid i -> {
                assertThat(i.reason()).doesNotStartWith("parser error").isNotBlank();
                assertThat(i.partialHeaders()).isNotNull();
            }
            case ParseResult.Ok ok -> checkOk(ok);
        }
    }

    private static void checkOk(ParseResult.Ok ok) {
        SipMessage m = ok.message();
        assertThat(ok.consumed()).isPositive();
        TypedView view = TypedView.of(m); // every typed accessor
        for (Contact c : m.contacts()) {
            c.q();
            c.expires();
        }
        m.proxyAuthorization();
        m.proxyAuthenticate();
        m.topVia().branch();
        m.topVia().rport();
        m.startLine();
        var again = PARSER.parse(m.toBytes());
        assertThat(again).isInstanceOf(ParseResult.Ok.class);
        assertThat(TypedView.of(((ParseResult.Ok) again).message())).isEqualTo(view);
        SipMessage rebuilt = m.toBuilder().build();
        ParseResult reparsed = PARSER.parse(rebuilt.toBytes());
        assertThat(reparsed).as(() -> "rebuilt: " + reparsed).isInstanceOf(ParseResult.Ok.class);
        assertThat(TypedView.of(((ParseResult.Ok) reparsed).message())).isEqualTo(view.withContentLength(m.body().length));
        if (m instanceof SipRequest req) {
            SipResponse resp = SipResponse.forRequest(req, 200, "OK").toTag("t1").build();
            assertThat(PARSER.parse(resp.toBytes())).isInstanceOf(ParseResult.Ok.class);
        }
        WirePaths.assertSameAsTextPath(m);
    }

    // ---- generators ----

    /** One mutation of a message: kind, position and length scaled to the message, a byte. */
    record Mutation(int kind, double where, int length, byte value) {

        byte[] apply(byte[] d) {
            int pos = d.length == 0 ? 0 : (int) (where * d.length);
            return switch (kind) {
                case 0 -> flip(d, pos);
                case 1 -> insert(d, pos, new byte[] {value});
                case 2 -> delete(d, pos, length);
                case 3 -> Arrays.copyOf(d, pos);
                case 4 -> duplicateLine(d, pos);
                case 5 -> insert(d, pos, "\r\n".getBytes(StandardCharsets.US_ASCII));
                default -> insert(d, pos, FRAGMENTS.get(length % FRAGMENTS.size()).getBytes(StandardCharsets.UTF_8));
            };
        }

        private byte[] flip(byte[] d, int pos) {
            if (pos >= d.length) {
                return d;
            }
            byte[] c = d.clone();
            c[pos] = value;
            return c;
        }

        private static byte[] insert(byte[] d, int pos, byte[] what) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(d.length + what.length);
            out.write(d, 0, pos);
            out.writeBytes(what);
            out.write(d, pos, d.length - pos);
            return out.toByteArray();
        }

        private static byte[] delete(byte[] d, int pos, int len) {
            int end = Math.min(d.length, pos + len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(d.length);
            out.write(d, 0, pos);
            out.write(d, end, d.length - end);
            return out.toByteArray();
        }

        private static byte[] duplicateLine(byte[] d, int pos) {
            int start = pos;
            while (start > 0 && d[start - 1] != '\n') {
                start--;
            }
            int end = pos;
            while (end < d.length && d[end] != '\n') {
                end++;
            }
            end = Math.min(d.length, end + 1);
            return insert(d, end, Arrays.copyOfRange(d, start, end));
        }
    }

    private static Gen<byte[]> mutatedCorpus() {
        Gen<Mutation> mutation = integers().between(0, 6).zip(
                doubles().between(0, 1),
                integers().between(1, 120),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0),
                Mutation::new);
        return integers().between(0, SEEDS.size() - 1).zip(lists().of(mutation).ofSizeBetween(1, 6),
                (seed, mutations) -> {
                    byte[] d = SEEDS.get(seed);
                    for (Mutation m : mutations) {
                        d = m.apply(d);
                    }
                    return d;
                }).describedAs(SipParserProperties::escaped);
    }

    private static Gen<byte[]> soup() {
        return Generate.pick(START_LINES).zip(lists().of(Generate.pick(FRAGMENTS)).ofSizeBetween(0, 80),
                (start, parts) -> (start + String.join("", parts) + (start.isEmpty() ? "" : "\r\n\r\n"))
                        .getBytes(StandardCharsets.UTF_8)).describedAs(SipParserProperties::escaped);
    }

    private static Gen<String> giantLength() {
        Gen<String> digits = lists().of(Generate.pick(List.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')))
                .ofSizeBetween(10, 400)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
        return Generate.oneOf(
                longs().between(65_537, Long.MAX_VALUE).map(n -> Long.toString(n)),
                digits.map(s -> "1" + s),
                Generate.pick(List.of("2147483647", "4294967296", "9223372036854775808", "65537")));
    }

    /** Bytes as text: printable ASCII as is, CR, LF, tab, backslash and everything else escaped. */
    static String escaped(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length + 16).append(data.length).append(" bytes: \"");
        for (byte b : data) {
            int c = b & 0xFF;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
