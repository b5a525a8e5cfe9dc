package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import java.util.Locale;
import java.util.Objects;

/**
 * What identifies a transaction in the table (RFC 3261 §17.1.3, §17.2.3). Three shapes: the
 * client key, the RFC 3261 server key for branches with the magic cookie, and the RFC 2543
 * server key for old peers whose branch cannot be trusted to be unique.
 */
public sealed interface TransactionKey {

    /** The prefix that marks a branch as RFC 3261 compliant and so globally unique (§8.1.1.7). */
    String MAGIC_COOKIE = "z9hG4bK";

    /**
     * Client transactions (§17.1.3): the branch we generated plus the CSeq method, which keeps
     * a CANCEL (same branch as its INVITE) apart from the INVITE.
     */
    record Client(String branch, String method) implements TransactionKey {
        public Client {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * Server transactions with a magic-cookie branch (§17.2.3): branch, sent-by and method.
     * Sent-by is in the key because two clients may pick the same branch by accident, and the
     * method because a CANCEL shares its INVITE's branch. ACK is keyed as INVITE, since it
     * belongs to the INVITE transaction whose non-2xx response it acknowledges.
     */
    record Server(String branch, String sentBy, String method) implements TransactionKey {
        public Server {
            Objects.requireNonNull(branch, "branch");
            sentBy = sentBy.toLowerCase(Locale.ROOT);
            method = serverMethod(method);
        }
    }

    /**
     * Server transactions for RFC 2543 peers (§17.2.3, last paragraphs): Request-URI, To tag,
     * From tag, Call-ID, CSeq and top Via. For an ACK the To tag is the one our final response
     * carried, so the layer registers that ACK key when the response goes out; the method stays
     * ACK here because the To tag already differs from the INVITE's.
     *
     * @param topVia the top Via in a normalised form: transport, sent-by and branch if any
     */
    record Legacy(String requestUri, String toTag, String fromTag, String callId, long cseq, String method,
                  String topVia) implements TransactionKey {
        public Legacy {
            Objects.requireNonNull(requestUri, "requestUri");
            toTag = toTag == null ? "" : toTag;
            fromTag = fromTag == null ? "" : fromTag;
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(topVia, "topVia");
        }

        /** The key an ACK to a non-2xx response carrying {@code responseToTag} will have. */
        public Legacy forAck(String responseToTag) {
            return new Legacy(requestUri, responseToTag, fromTag, callId, cseq, "ACK", topVia);
        }
    }

    /**
     * The client key of a request we send, or of a response to it: both carry our top Via and
     * the request's CSeq method. A message without a branch gets an empty one, matching nothing
     * we sent, since we always send a branch.
     */
    static Client forClient(SipMessage message) {
        return new Client(message.topVia().branch().orElse(""), message.cseq().method());
    }

    /** The server key of a received request: RFC 3261 when the branch has the cookie, else RFC 2543. */
    static TransactionKey forServer(SipRequest request) {
        Via via = request.topVia();
        String branch = via.branch().orElse(null);
        if (compliant(branch)) {
            return new Server(branch, sentBy(via), request.method());
        }
        return legacy(request, request.method());
    }

    /**
     * The key of the INVITE server transaction a CANCEL targets (§9.2): the CANCEL's own key
     * with the method INVITE, since a CANCEL copies the INVITE's Request-URI, Call-ID, To, From,
     * CSeq number and top Via.
     */
    static TransactionKey cancelTarget(SipRequest cancel) {
        Via via = cancel.topVia();
        String branch = via.branch().orElse(null);
        if (compliant(branch)) {
            return new Server(branch, sentBy(via), "INVITE");
        }
        return legacy(cancel, "INVITE");
    }

    private static Legacy legacy(SipRequest request, String method) {
        return new Legacy(
                request.requestUri().toString(),
                request.to().tag().orElse(""),
                request.from().tag().orElse(""),
                request.callId(),
                request.cseq().number(),
                method,
                normalisedVia(request.topVia()));
    }

    /** Sent-by with the host in lower case and the default port made explicit (§19.1.2). */
    private static String sentBy(Via via) {
        int port = via.port() >= 0 ? via.port() : defaultPort(via.transport());
        return via.host().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * The parts of a top Via that identify the sender: not received or rport, which the
     * transport adds on arrival and may differ between a request and its retransmission.
     */
    private static String normalisedVia(Via via) {
        return via.transport() + " " + sentBy(via) + ";branch=" + via.branch().orElse("");
    }

    private static int defaultPort(String transport) {
        return "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
    }

    /** Whether a branch carries the RFC 3261 magic cookie (case-sensitive, as the RFC gives it). */
    static boolean compliant(String branch) {
        return branch != null && branch.startsWith(MAGIC_COOKIE) && branch.length() > MAGIC_COOKIE.length();
    }

    /** Methods are case-sensitive (§7.1), so only the exact "ACK" is folded into "INVITE". */
    private static String serverMethod(String method) {
        return "ACK".equals(Objects.requireNonNull(method, "method")) ? "INVITE" : method;
    }
}
