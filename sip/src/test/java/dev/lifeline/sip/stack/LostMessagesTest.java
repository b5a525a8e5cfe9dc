package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call over a UDP relay that loses the first 200 OK and the first ACK: the callee's 2xx
 * retransmission recovers the first, and the caller's ACK for the retransmitted 2xx the second.
 */
class LostMessagesTest {

    private static final long WAIT_SECONDS = 5;

    private StackPair pair;
    private LossyUdpRelay relay;

    @BeforeEach
    void start() throws Exception {
        pair = StackPair.over(Transport.UDP);
        relay = new LossyUdpRelay(StackPair.address(pair.uas, Transport.UDP), List.of(
                text -> text.startsWith("SIP/2.0 200") && text.contains(" INVITE\r\n"),
                text -> text.startsWith("ACK ")));
        pair.behaviour = request -> {
            switch (request.method()) {
                case "INVITE" -> {
                    request.respond(180, "Ringing");
                    request.respond(request.response(200, "OK")
                            .contact(Contact.of(NameAddress.of(pair.uas.localUri("bob", Transport.UDP)))).build());
                }
                case "BYE" -> request.respond(200, "OK");
                default -> { }
            }
        };
    }

    @AfterEach
    void stop() {
        relay.close();
        pair.close();
    }

    @Test
    void lostOkAndLostAckAreBothRecovered() throws Exception {
        Target viaRelay = Target.of(Transport.UDP, relay.address());
        SipRequest invite = pair.uac.prepare(pair.request("INVITE", "bob"), viaRelay);

        SipResponse ok = done(pair.uac.request(invite, viaRelay));
        Dialog dialog = Dialog.asUac(invite, ok);
        done(pair.uac.sendAck(dialog.ack(invite), viaRelay));
        SipRequest ack = done(pair.received.get(0).acknowledged());
        SipResponse byeAnswer = done(pair.uac.request(dialog.bye(), viaRelay));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(relay.dropped()).hasSize(2);
        assertThat(relay.dropped().get(0)).startsWith("SIP/2.0 200");
        assertThat(relay.dropped().get(1)).startsWith("ACK ");
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(byeAnswer.status()).isEqualTo(200);
        assertThat(pair.receivedMethods()).filteredOn("INVITE"::equals).hasSize(1);
    }

    @Test
    void withoutAnyAckTheCalleeGivesUpAfter64T1() throws Exception {
        Target viaRelay = Target.of(Transport.UDP, relay.address());
        done(pair.uac.request(pair.request("INVITE", "bob"), viaRelay));

        Throwable failure = pair.received.get(0).acknowledged().toCompletableFuture()
                .handle((ack, error) -> error instanceof CompletionException c ? c.getCause() : error)
                .get(10, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOf(SipTimeoutException.class)
                .hasMessageContaining("no ACK for SIP/2.0 200 OK")
                .hasMessageContaining("3200 ms");
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
