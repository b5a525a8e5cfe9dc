package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.Messages.request;
import static dev.lifeline.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import org.junit.jupiter.api.Test;

class TransactionKeyTest {

    @Test
    void responseMatchesTheClientTransactionOfItsRequestByBranchAndCSeqMethod() {
        SipRequest invite = request("INVITE", "UDP", "z9hG4bK-1");

        assertThat(TransactionKey.forClient(response(invite, 180))).isEqualTo(TransactionKey.forClient(invite));
        assertThat(TransactionKey.forClient(Messages.cancelFor(invite))).isNotEqualTo(TransactionKey.forClient(invite));
    }

    @Test
    void ackForNonSuccessSharesTheInviteServerKeyButCancelDoesNot() {
        SipRequest invite = request("INVITE", "UDP", "z9hG4bK-2");
        SipRequest ack = FailureAck.of(invite, response(invite, 486));
        SipRequest cancel = Messages.cancelFor(invite);

        assertThat(TransactionKey.forServer(ack)).isEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.forServer(cancel)).isNotEqualTo(TransactionKey.forServer(invite));
        assertThat(TransactionKey.cancelTarget(cancel)).isEqualTo(TransactionKey.forServer(invite));
    }

    @Test
    void sentByComparesHostCaseInsensitivelyWithTheDefaultPortMadeExplicit() {
        SipRequest a = request("OPTIONS", "UDP", "z9hG4bK-3");
        SipRequest b = a.withTopVia(new Via("UDP", "192.0.2.10", -1, a.topVia().params()));
        SipRequest c = a.withTopVia(Via.of("UDP", "Host.Example.com", 5060, "z9hG4bK-3"));
        SipRequest d = a.withTopVia(Via.of("UDP", "host.example.COM", -1, "z9hG4bK-3"));

        assertThat(TransactionKey.forServer(b)).isEqualTo(TransactionKey.forServer(a));
        assertThat(TransactionKey.forServer(c)).isEqualTo(TransactionKey.forServer(d));
    }

    @Test
    void branchWithoutTheMagicCookieFallsBackToRfc2543Matching() {
        SipRequest old = request("INVITE", "UDP", "1234");
        SipRequest bare = request("INVITE", "UDP", null);

        assertThat(TransactionKey.forServer(old)).isInstanceOf(TransactionKey.Legacy.class);
        assertThat(TransactionKey.forServer(bare)).isInstanceOf(TransactionKey.Legacy.class);
        assertThat(TransactionKey.forServer(request("INVITE", "UDP", "z9hG4bK")))
                .as("the cookie alone is not a branch").isInstanceOf(TransactionKey.Legacy.class);
        assertThat(TransactionKey.forServer(request("INVITE", "UDP", "1234", 2)))
                .as("a new CSeq is a new transaction").isNotEqualTo(TransactionKey.forServer(old));
    }

    @Test
    void rfc2543AckIsFoundThroughTheToTagOfTheResponse() {
        SipRequest invite = request("INVITE", "UDP", null);
        var busy = response(invite, 486);
        TransactionKey.Legacy inviteKey = (TransactionKey.Legacy) TransactionKey.forServer(invite);

        assertThat(TransactionKey.forServer(FailureAck.of(invite, busy))).isEqualTo(inviteKey.forAck("b2"));
        assertThat(TransactionKey.cancelTarget(Messages.cancelFor(invite))).isEqualTo(inviteKey);
    }
}
