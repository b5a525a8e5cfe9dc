package dev.lifeline.sip.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SIP request or response. Immutable; typed header accessors parse on first use and cache.
 * Accessors for headers that RFC 3261 requires in every message (Via, From, To, Call-ID, CSeq)
 * never fail on a message produced by {@link dev.lifeline.sip.codec.SipParser}, which validates
 * them when it parses.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** "SIP/2.0". */
    String version();

    /** All header fields in wire order, names canonical (compact forms expanded). */
    Headers headers();

    /** The body (empty array when none). Never modify the returned array. */
    byte[] body();

    /** The message serialized to wire bytes (the original bytes when unchanged since parsing). */
    byte[] toBytes();

    /** The first line without CRLF, e.g. "INVITE sip:bob@example.com SIP/2.0". */
    String startLine();

    // ---- typed accessors -------------------------------------------------------------

    /** All Via values, top first (comma-separated values split). */
    List<Via> vias();

    /** The topmost Via. */
    default Via topVia() {
        return vias().get(0);
    }

    NameAddress from();

    NameAddress to();

    String callId();

    CSeq cseq();

    /** Contact values; a single {@link Contact#wildcard() wildcard} for "Contact: *". */
    List<Contact> contacts();

    /** Max-Forwards, or empty when absent. */
    OptionalInt maxForwards();

    List<NameAddress> routes();

    List<NameAddress> recordRoutes();

    /** Content-Length as stated, or the body length when the header is absent. */
    int contentLength();

    Optional<String> contentType();

    OptionalInt expires();

    OptionalInt minExpires();

    /** Retry-After in seconds, or empty. */
    OptionalInt retryAfter();

    List<AuthHeader> authorization();

    List<AuthHeader> proxyAuthorization();

    List<AuthHeader> wwwAuthenticate();

    List<AuthHeader> proxyAuthenticate();

    /** Option tags of Supported (and its compact form k). */
    List<String> supported();

    List<String> require();

    Optional<String> userAgent();

    /** A builder seeded with this message's start line, headers and body. */
    SipMessageBuilder<?> toBuilder();
}
