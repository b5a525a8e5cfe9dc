package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Responses built by {@link ServerRequest#response}: what they copy from the request. */
class ServerRequestTest {

    /** An INVITE as a record-routing proxy (Kamailio with record_route()) forwards it. */
    private static final SipRequest PROXIED_INVITE = Wire.parse("""
            INVITE sip:bob@192.0.2.4:5062 SIP/2.0
            Record-Route: <sip:192.0.2.1:5060;lr>
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1.proxy
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds8;rport=5060
            Record-Route: <sip:p2.example.com;lr;ftag=1928301774>
            Max-Forwards: 69
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            To: Bob <sip:bob@biloxi.example.com>
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 2 INVITE
            Contact: <sip:alice@192.0.2.10:5060>
            Content-Length: 0

            """);

    private static ServerRequest received(SipRequest request) {
        InetSocketAddress peer = new InetSocketAddress("192.0.2.1", 5060);
        Source source = new Source(Transport.UDP, peer, new InetSocketAddress("192.0.2.4", 5062), new ConnectionId(1));
        return new ServerRequest(request, source, "uas-tag", (r, response) -> { }, true);
    }

    @Test
    void dialogCreatingResponsesCopyTheRecordRouteInOrder() {
        ServerRequest invite = received(PROXIED_INVITE);

        for (int status : new int[] {180, 183, 200}) {
            SipResponse response = invite.response(status, "x").build();
            assertThat(response.recordRoutes()).as("%d", status).extracting(NameAddress::toString)
                    .containsExactly("<sip:192.0.2.1:5060;lr>", "<sip:p2.example.com;lr;ftag=1928301774>");
        }
        // The caller's route set is built from it (§12.1.2): its BYE goes back through both proxies.
        SipResponse ok = invite.response(200, "OK")
                .contact(Contact.of(NameAddress.of(SipUri.parse("sip:bob@192.0.2.4:5062")))).build();
        assertThat(Dialog.asUac(PROXIED_INVITE, ok).bye().routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p2.example.com;lr;ftag=1928301774", "sip:192.0.2.1:5060;lr");
    }

    @Test
    void otherResponsesCarryNoRecordRoute() {
        ServerRequest invite = received(PROXIED_INVITE);
        assertThat(invite.response(100, "Trying").build().recordRoutes()).isEmpty();
        assertThat(invite.response(486, "Busy Here").build().recordRoutes()).isEmpty();

        SipRequest options = PROXIED_INVITE.toBuilder().method("OPTIONS")
                .cseq(new CSeq(2, "OPTIONS")).build();
        assertThat(received(options).response(200, "OK").build().recordRoutes()).isEmpty();
    }
}
