package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.Tokens;
import dev.lifeline.sip.uri.SipUri;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The REGISTER and OPTIONS a trunk sends (RFC 3261 §10.2): Request-URI {@code sip:domain},
 * To and From the address of record {@code sip:user@domain}, our Contact. One Call-ID for every
 * REGISTER of this trunk's life and a CSeq that only goes up (§10.2.4), so the provider
 * sees refreshes and the move to a new path as the same registration and orders them.
 *
 * <p>Not thread-safe: {@link ProviderTrunk} calls it under its lock.
 */
final class TrunkRequests {

    static final String USER_AGENT = "Lifeline";
    /** The user part when a trunk has no user name (a probe-only trunk). */
    static final String ANONYMOUS_USER = "lifeline";
    /**
     * CSeq numbers each REGISTER reserves: its own, and the retries with credentials the stack
     * may add (the first challenge and a stale one), so the next REGISTER is always above them.
     */
    static final int CSEQ_STEP = 3;

    private final SipUri registrar;
    private final SipUri addressOfRecord;
    private final Tokens tokens;
    private final String callId;
    private long nextCSeq = 1;

    TrunkRequests(HostPort provider, String user, Tokens tokens, String callIdHost) {
        this.registrar = SipUri.of(null, provider.host(), provider.port().orElse(-1));
        this.addressOfRecord = SipUri.of(user, provider.host(), -1);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.callId = tokens.callId(callIdHost);
    }

    /**
     * A REGISTER binding {@code contact} for {@code expires}; {@code previous}, a Contact of an
     * earlier path, is removed in the same request (expires=0) so that the provider stops
     * sending calls to a path we have left.
     */
    SipRequest register(SipUri contact, Duration expires, Optional<SipUri> previous) {
        SipRequest.Builder request = start("REGISTER", NameAddress.of(addressOfRecord), callId, nextCSeq())
                .contact(Contact.of(NameAddress.of(contact)));
        previous.filter(p -> !p.equals(contact)).ifPresent(p -> request.contact(Contact.of(NameAddress.of(p)).withExpires(0)));
        return request.header(HeaderNames.EXPIRES, Long.toString(expires.toSeconds())).build();
    }

    /** A REGISTER removing our Contact(s): Expires 0. Never {@code Contact: *}, which would drop other sites' bindings too. */
    SipRequest unregister(SipUri contact, Optional<SipUri> previous) {
        return register(contact, Duration.ZERO, previous);
    }

    /** An out-of-dialog OPTIONS to the provider, each with its own Call-ID. */
    SipRequest options(String callIdHost) {
        return start("OPTIONS", NameAddress.of(registrar), tokens.callId(callIdHost), 1).build();
    }

    String callId() {
        return callId;
    }

    private SipRequest.Builder start(String method, NameAddress to, String id, long cseq) {
        return SipRequest.builder(method, registrar)
                .from(NameAddress.of(addressOfRecord).withTag(tokens.tag()))
                .to(to)
                .callId(id)
                .cseq(new CSeq(cseq, method))
                .header(HeaderNames.USER_AGENT, USER_AGENT);
    }

    private long nextCSeq() {
        long n = nextCSeq;
        nextCSeq += CSEQ_STEP;
        return n;
    }
}
