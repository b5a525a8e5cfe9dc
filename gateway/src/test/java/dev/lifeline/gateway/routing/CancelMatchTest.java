package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.stack.CancelRequest;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which CANCELs end a caller's INVITE (RFC 3261 §9.2): the caller's own, not one that shares only its Call-ID. */
class CancelMatchTest {

    private static final SipRequest INVITE = SipRequest.builder("INVITE", SipUri.parse("sip:1002@192.0.2.1"))
            .pushVia(Via.of("UDP", "192.168.1.10", 5060, "z9hG4bK-invite-1"))
            .from(new NameAddress("Alice", SipUri.parse("sip:1001@192.0.2.1"), Parameters.EMPTY.with("tag", "a1")))
            .to(NameAddress.of(SipUri.parse("sip:1002@192.0.2.1")))
            .callId("call-1@192.168.1.10")
            .cseq(new CSeq(7, "INVITE"))
            .build();
    /** As the stack stores the INVITE: received and rport added on arrival. */
    private static final SipRequest RECEIVED = INVITE.toBuilder()
            .topVia(INVITE.topVia().withReceived("203.0.113.7").withRport(40000)).build();
    private static final SipRequest OWN = CancelRequest.of(INVITE);

    static Stream<Arguments> cases() {
        return Stream.of(
                row("the caller's own CANCEL", c -> c, true),
                row("another branch", c -> c.toBuilder().topVia(Via.of("UDP", "192.168.1.10", 5060, "z9hG4bK-other")).build(),
                        false),
                row("another sent-by", c -> c.toBuilder().topVia(Via.of("UDP", "198.51.100.9", 5060, "z9hG4bK-invite-1"))
                        .build(), false),
                row("another transport", c -> c.toBuilder().topVia(Via.of("TCP", "192.168.1.10", 5060, "z9hG4bK-invite-1"))
                        .build(), false),
                row("another From tag", c -> c.toBuilder().from(c.from().withTag("x9")).build(), false),
                row("another CSeq number", c -> c.toBuilder().cseq(new CSeq(8, "CANCEL")).build(), false),
                row("another Request-URI", c -> c.toBuilder().requestUri(SipUri.parse("sip:1003@192.0.2.1")).build(), false),
                row("another Call-ID", c -> c.toBuilder().callId("call-2@192.168.1.10").build(), false),
                row("not a CANCEL", c -> c.toBuilder().method("BYE").cseq(new CSeq(7, "BYE")).build(), false));
    }

    private static Arguments row(String name, UnaryOperator<SipRequest> change, boolean matches) {
        return Arguments.of(name, change, matches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesOnlyTheInvitesTransaction(String name, UnaryOperator<SipRequest> change, boolean matches) {
        assertThat(CancelMatch.matches(RECEIVED, change.apply(OWN))).as(name).isEqualTo(matches);
    }
}
