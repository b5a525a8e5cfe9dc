package dev.lifeline.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lifeline.sip.uri.InvalidUriException;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The typed headers read straight from wire bytes ({@link WireCursor} and the parseWire methods)
 * give exactly what parsing the decoded text gives, whenever they give anything; when they give
 * up, the text path decides. Generated values are SIP-shaped soup: pieces of valid headers mixed
 * with whitespace, separators, quotes, escapes, IPv6 references and non-ASCII.
 */
class WireParseProperties {

    private static final String[] PIECES = {
        " ", "\t", ",", ";", "=", "\"", "\\", "<", ">", ":", "@", "?", "&", "%", "%41", "%4", "[", "]", "*", "/",
        "sip:", "SIP:", "sips:", "tel:+1-555", "urn:x", "alice", "Bob", "1001", "host.example.com", "192.0.2.1",
        "[::1]", ":5060", ":99999", ";tag=1a", ";branch=z9hG4bK7", ";rport", ";received=1.2.3.4", ";lr",
        ";transport=udp", ";expires=60", ";+sip.instance=\"<urn:uuid:1>\"", ";q=0.5", "\"Front Desk\" ",
        "\"a\\\"b\" ", "Display Name ", "SIP/2.0/UDP ", "SIP/2.0/TCP ", "sip/2.0/udp ", "SIP/2.1/UDP ", "SIP / 2.0 / TLS ",
        "h", "h_x", "é", "\u4e2d", "\u0000", "1", "70", "256", "2147483648", " INVITE", " REGISTER", "x@y", "@",
        "<sip:a@b>", "<sip:a@b;lr>", "sip:a@b;x=1", "<sips:[::1]:5061>", "<sip:a@b?subject=x>",
    };

    private static final Counts COUNTS = new Counts();

    /** Per header kind: values generated, and how many of them the wire path read. */
    static final class Counts {
        int tried;
        int via;
        int nameAddress;
        int list;
        int cseq;
        int callId;
        int uri;
    }

    @Test
    void wirePathsEqualTextPaths() {
        qt().withExamples(40_000).withFixedSeed(0x5195_00A1L)
                .forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 14))
                .checkAssert(pieces -> {
                    StringBuilder sb = new StringBuilder();
                    pieces.forEach(p -> sb.append(PIECES[p]));
                    String v = sb.toString();
                    checkAll(v);
                    checkAll("SIP/2.0/UDP " + v);
                    checkAll("<sip:" + v);
                    checkAll("\"n\" <sip:a@" + v);
                    checkAll("sip:" + v);
                    checkAll("SIP/2.0/UDP h" + v);
                    checkAll("2" + v);
                });
        assertThat(COUNTS.via).as("Via values read from bytes").isGreaterThan(2_000);
        assertThat(COUNTS.nameAddress).as("name-addr values read from bytes").isGreaterThan(1_000);
        assertThat(COUNTS.list).as("address lists read from bytes").isGreaterThan(1_000);
        assertThat(COUNTS.cseq).as("CSeq values read from bytes").isGreaterThan(100);
        assertThat(COUNTS.callId).as("Call-IDs read from bytes").isGreaterThan(1_000);
        assertThat(COUNTS.uri).as("URIs read from bytes").isGreaterThan(500);
    }

    @AfterAll
    static void report() {
        System.out.printf("wire paths: %d values; read from bytes: %d Via, %d name-addr, %d lists, %d CSeq, %d Call-ID,"
                + " %d URI%n", COUNTS.tried, COUNTS.via, COUNTS.nameAddress, COUNTS.list, COUNTS.cseq, COUNTS.callId,
                COUNTS.uri);
    }

    /** Padded, so that a read outside [from, to) would show. */
    private static void checkAll(String value) {
        COUNTS.tried++;
        byte[] b = ("x" + value + "y").getBytes(StandardCharsets.UTF_8);
        int from = 1;
        int to = b.length - 1;
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);

        List<Via> vias = new ArrayList<>(List.of(Via.of("UDP", "keep", 1, "z9hG4bKk")));
        if (Via.parseListWire(b, from, to, vias)) {
            COUNTS.via++;
            List<Via> expected = new ArrayList<>(List.of(vias.get(0)));
            Via.parseList(text, expected);
            assertSame(value, expected, vias);
        } else {
            assertThat(vias).as("left as it was: " + value).hasSize(1);
        }

        NameAddress a = NameAddress.parseWire(b, from, to);
        if (a != null) {
            COUNTS.nameAddress++;
            assertSame(value, List.of(NameAddress.parse(text, HeaderNames.FROM)), List.of(a));
        }

        List<NameAddress> list = new ArrayList<>();
        if (NameAddress.parseListWire(b, from, to, list)) {
            COUNTS.list++;
            List<NameAddress> expected = new ArrayList<>();
            NameAddress.parseList(text, HeaderNames.ROUTE, expected);
            assertSame(value, expected, list);
        } else {
            assertThat(list).as("left as it was: " + value).isEmpty();
        }

        List<Contact> contacts = new ArrayList<>();
        if (Contact.addWire(b, from, to, contacts)) {
            List<Contact> expected = new ArrayList<>();
            Contact.add(text, expected);
            assertSame(value, expected, contacts);
        }

        CSeq cseq = CSeq.parseWire(b, from, to);
        if (cseq != null) {
            COUNTS.cseq++;
            assertSame(value, List.of(CSeq.parse(text)), List.of(cseq));
        }

        String callId = HeaderValues.callIdWire(b, from, to);
        if (callId != null) {
            COUNTS.callId++;
            assertThat(callId).isEqualTo(HeaderValues.callId(text));
        }

        int hops = HeaderValues.maxForwardsWire(b, from, to);
        if (hops >= 0) {
            assertThat(hops).isEqualTo(HeaderValues.maxForwards(text));
        }

        SipUri uri = SipUri.parseAsciiOrNull(b, from, to);
        if (uri != null) {
            COUNTS.uri++;
            Uri expected = parseOrNull(() -> Uri.parse(text));
            assertThat(expected).as("text path accepts " + value).isNotNull();
            // Not equals(): SipUri.equals fails for two equal URIs that repeat a parameter name.
            assertThat(uri.toString()).isEqualTo(expected.toString());
            assertThat(uri.isSecure()).isEqualTo(((SipUri) expected).isSecure());
            assertThat(uri.host() + uri.port() + uri.user() + uri.params()).isEqualTo(
                    ((SipUri) expected).host() + ((SipUri) expected).port() + ((SipUri) expected).user()
                            + ((SipUri) expected).params());
        }
    }

    private static Uri parseOrNull(Supplier<Uri> parse) {
        try {
            return parse.get();
        } catch (InvalidUriException e) {
            return null;
        }
    }

    /** Equal values that print the same (equals on URIs and parameters ignores case where RFC 3261 does). */
    private static void assertSame(String value, List<?> expected, List<?> actual) {
        assertThat(actual).as(value).isEqualTo(expected);
        assertThat(actual.toString()).as(value).isEqualTo(expected.toString());
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i) instanceof NameAddress a) {
                NameAddress e = (NameAddress) expected.get(i);
                assertThat(a.displayName()).as(value).isEqualTo(e.displayName());
                assertThat(a.uri().getClass()).as(value).isEqualTo(e.uri().getClass());
                assertThat(a.params().toString()).as(value).isEqualTo(e.params().toString());
            }
            if (actual.get(i) instanceof Via v) {
                assertThat(v.host() + v.port() + v.transport() + v.params()).as(value)
                        .isEqualTo(((Via) expected.get(i)).host() + ((Via) expected.get(i)).port()
                                + ((Via) expected.get(i)).transport() + ((Via) expected.get(i)).params());
            }
        }
    }
}
