package dev.lifeline.sip.stack;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Target;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One request answered through digest challenges (RFC 3261 §22.2, §8.1.3.5): the first 401 or
 * 407 is answered; after that only a stale challenge (the nonce expired in between), so that
 * refused credentials end in the refusal instead of a loop.
 */
final class DigestRetry {

    /** Challenges answered at most: the first, and one stale one after it. */
    private static final int MAX_ANSWERS = 2;

    private final SipStack stack;
    private final Target target;
    private final DigestClient account;
    private final Consumer<SipResponse> provisional;
    private final java.time.Duration timerB;

    DigestRetry(SipStack stack, Target target, DigestClient account, Consumer<SipResponse> provisional,
                java.time.Duration timerB) {
        this.stack = stack;
        this.target = target;
        this.account = account;
        this.provisional = provisional;
        this.timerB = timerB;
    }

    CompletionStage<SipResponse> send(SipRequest request) {
        SipRequest prepared;
        try {
            prepared = stack.prepare(request, target);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return attempt(prepared, 0);
    }

    private CompletionStage<SipResponse> attempt(SipRequest sent, int answered) {
        return stack.request(sent, target, provisional, timerB).thenCompose(response -> next(sent, response, answered));
    }

    private CompletionStage<SipResponse> next(SipRequest sent, SipResponse response, int answered) {
        if (response.status() != 401 && response.status() != 407) {
            return CompletableFuture.completedFuture(response);
        }
        List<AuthHeader> challenges = response.status() == 401 ? response.wwwAuthenticate() : response.proxyAuthenticate();
        boolean worthAnswering = answered == 0 || (answered < MAX_ANSWERS && challenges.stream().anyMatch(DigestClient::isStale));
        if (!worthAnswering) {
            return CompletableFuture.completedFuture(response);
        }
        return switch (account.answer(challenges, sent.method(), sent.requestUri().toString(), sent.body())) {
            case DigestClient.Answer.Unanswerable u -> CompletableFuture.failedFuture(new SipAuthenticationException(
                    "cannot answer the " + response.status() + " challenge to " + sent.startLine() + ": " + u.reason(), response));
            case DigestClient.Answer.Authorization a -> attempt(withCredentials(sent, response.status(), a.header()), answered + 1);
        };
    }

    /** The same request with credentials, the next CSeq and a new transaction (§8.1.3.5). */
    private SipRequest withCredentials(SipRequest sent, int status, AuthHeader credentials) {
        String header = status == 401 ? HeaderNames.AUTHORIZATION : HeaderNames.PROXY_AUTHORIZATION;
        return sent.toBuilder()
                .setHeader(header, credentials.toString())
                .cseq(new CSeq(sent.cseq().number() + 1, sent.method()))
                .topVia(sent.topVia().withBranch(stack.tokens().branch()))
                .build();
    }
}
