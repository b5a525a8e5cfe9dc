package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.Uri;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds REGISTER requests as a phone sends them, parsed from wire text so every accessor behaves as in production. */
final class Register {

    static final String DOMAIN = "site.example";
    /** A phone behind NAT: it says 192.168.1.10, the gateway sees 203.0.113.7:40000. */
    static final Flow SOURCE = new Flow(Transport.UDP, new InetSocketAddress("203.0.113.7", 40000),
            new InetSocketAddress("127.0.0.1", 5060), Optional.of(new ConnectionId(1)));

    private String to = "sip:1001@" + DOMAIN;
    private String callId = "reg-1001@192.168.1.10";
    private long cseq = 1;
    private final List<String> headers = new ArrayList<>();

    static Register of() {
        return new Register();
    }

    Register to(String uri) {
        this.to = uri;
        return this;
    }

    Register callId(String id) {
        this.callId = id;
        return this;
    }

    Register cseq(long n) {
        this.cseq = n;
        return this;
    }

    Register contact(String value) {
        return header("Contact", value);
    }

    Register expires(int seconds) {
        return header("Expires", Integer.toString(seconds));
    }

    Register header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("REGISTER sip:").append(DOMAIN).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-").append(cseq).append(";rport=40000;received=203.0.113.7\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <").append(to).append(">;tag=ph1\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" REGISTER\r\n");
        headers.forEach(h -> sb.append(h).append("\r\n"));
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    SipRequest build() {
        return parse(text());
    }

    /**
     * The same request made with the builder, which (unlike the parser, whose 400 the transport
     * sends) lets defects through; for the registrar's own defences.
     */
    SipRequest built() {
        SipRequest.Builder b = SipRequest.builder("REGISTER", Uri.parse("sip:" + DOMAIN));
        String[] lines = text().split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            b.header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
        }
        return b.build();
    }

    static SipRequest parse(String text) {
        ParseResult r = new SipParser().parse(text.getBytes(StandardCharsets.UTF_8));
        if (r instanceof ParseResult.Ok ok) {
            return (SipRequest) ok.message();
        }
        throw new IllegalArgumentException("test REGISTER does not parse: " + r);
    }
}
