package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

class DialogTest {

    private static final SipRequest INVITE = Wire.parse("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds8;rport
            Max-Forwards: 70
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            To: Bob <sip:bob@biloxi.example.com>
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@192.0.2.10:5060>
            Record-Route: <sip:p1.example.com;lr>
            Record-Route: <sip:p2.example.com;lr>
            Proxy-Authorization: Digest username="alice", realm="atlanta.example.com", nonce="n", uri="sip:bob@biloxi.example.com", response="00"
            Content-Length: 0

            """);

    private static final SipResponse OK = Wire.parse("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds8;rport=5060;received=192.0.2.10
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:bob@192.0.2.4:5062>
            Record-Route: <sip:p1.example.com;lr>
            Record-Route: <sip:p2.example.com;lr>
            Content-Length: 0

            """);

    @Test
    void callerRoutesThroughTheRecordRouteReversedToTheContact() {
        Dialog dialog = Dialog.asUac(INVITE, OK);
        SipRequest bye = dialog.bye();

        assertThat(bye.requestUri()).hasToString("sip:bob@192.0.2.4:5062");
        assertThat(bye.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p2.example.com;lr", "sip:p1.example.com;lr");
        assertThat(dialog.nextHop()).hasToString("sip:p2.example.com;lr");
        assertThat(bye.from().tag()).contains("1928301774");
        assertThat(bye.to().tag()).contains("a6c85cf");
        assertThat(bye.callId()).isEqualTo(INVITE.callId());
        assertThat(bye.cseq()).isEqualTo(new CSeq(314160, "BYE"));
        assertThat(bye.headers().contains("Via")).isFalse();
        assertThat(bye.contacts()).isEmpty();
    }

    @Test
    void eachRequestTakesTheNextCSeqAndReInviteCarriesOurContact() {
        Dialog dialog = Dialog.asUac(INVITE, OK);
        SipRequest reInvite = dialog.request("INVITE");
        SipRequest bye = dialog.bye();

        assertThat(reInvite.cseq()).isEqualTo(new CSeq(314160, "INVITE"));
        assertThat(reInvite.contacts()).extracting(c -> c.uri().toString()).containsExactly("sip:alice@192.0.2.10:5060");
        assertThat(bye.cseq()).isEqualTo(new CSeq(314161, "BYE"));
        assertThat(dialog.localCSeq()).isEqualTo(314161);
    }

    @Test
    void ackForTheTwoXxKeepsTheInviteCSeqAndCredentials() {
        SipRequest ack = Dialog.asUac(INVITE, OK).ack(INVITE);

        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.cseq()).isEqualTo(new CSeq(314159, "ACK"));
        assertThat(ack.requestUri()).hasToString("sip:bob@192.0.2.4:5062");
        assertThat(ack.proxyAuthorization()).hasSize(1);
        assertThat(ack.to().tag()).contains("a6c85cf");
    }

    @Test
    void calleeRoutesInRecordRouteOrderToTheCallersContact() {
        Dialog dialog = Dialog.asUas(INVITE, OK);
        SipRequest bye = dialog.bye();

        assertThat(bye.requestUri()).hasToString("sip:alice@192.0.2.10:5060");
        assertThat(bye.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
        assertThat(bye.from().tag()).contains("a6c85cf");
        assertThat(bye.to().tag()).contains("1928301774");
        assertThat(bye.cseq().number()).isEqualTo(1);
    }

    @Test
    void strictRouterTakesTheRequestUriAndTheTargetGoesLast() {
        SipResponse viaStrict = OK.toBuilder().removeHeader("Record-Route")
                .header("Record-Route", "<sip:strict.example.com>").build();
        SipRequest bye = Dialog.asUac(INVITE, viaStrict).bye();

        assertThat(bye.requestUri()).hasToString("sip:strict.example.com");
        assertThat(bye.routes()).extracting(r -> r.uri().toString()).containsExactly("sip:bob@192.0.2.4:5062");
    }

    @Test
    void targetRefreshMovesTheRemoteTarget() {
        Dialog dialog = Dialog.asUac(INVITE, OK);
        dialog.refreshRemoteTarget(OK.toBuilder().setHeader("Contact", "<sip:bob@198.51.100.7:5070>").build());

        assertThat(dialog.bye().requestUri()).hasToString("sip:bob@198.51.100.7:5070");
    }

    @Test
    void responsesThatMakeNoDialogAreRefused() {
        SipResponse noTag = OK.toBuilder().to(NameAddress.parse("<sip:bob@biloxi.example.com>", "To")).build();
        SipResponse busy = OK.toBuilder().status(486).build();
        SipResponse noContact = OK.toBuilder().removeHeader("Contact").build();

        assertThatThrownBy(() -> Dialog.asUac(INVITE, noTag)).hasMessageContaining("no tag");
        assertThatThrownBy(() -> Dialog.asUac(INVITE, busy)).hasMessageContaining("486");
        assertThatThrownBy(() -> Dialog.asUac(INVITE, noContact)).hasMessageContaining("no Contact");
        assertThatThrownBy(() -> Dialog.asUac(INVITE, OK).request("ACK")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelCopiesWhatTheServerMatchesOn() {
        SipRequest invite = INVITE.toBuilder().header("Route", "<sip:edge.example.com;lr>").build();
        SipRequest cancel = CancelRequest.of(invite);

        assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
        assertThat(cancel.vias()).containsExactly(invite.topVia());
        assertThat(cancel.cseq()).isEqualTo(new CSeq(314159, "CANCEL"));
        assertThat(cancel.from()).isEqualTo(invite.from());
        assertThat(cancel.to()).isEqualTo(invite.to());
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(cancel.routes()).extracting(r -> r.uri().toString()).containsExactly("sip:edge.example.com;lr");
        assertThatThrownBy(() -> CancelRequest.of(cancel)).isInstanceOf(IllegalArgumentException.class);
    }
}
