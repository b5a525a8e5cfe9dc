package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.Headers;
import dev.lifeline.sip.message.SipMessage;
import java.util.Optional;

/** The outcome of parsing one message: a message, or the reason it was rejected. */
public sealed interface ParseResult permits ParseResult.Ok, ParseResult.Invalid {

    /**
     * @param message the parsed message; its required headers are known to be well-formed
     * @param consumed bytes used from the input, leading CRLFs included; octets after the body of
     *                 a datagram (RFC 4475 §3.1.1.8) are not consumed
     */
    record Ok(SipMessage message, int consumed) implements ParseResult {
    }

    /**
     * A rejected message, with what could be read so that a server can still answer 400 when the
     * headers a response needs (Via, From, To, Call-ID, CSeq) are there (RFC 3261 §8.2).
     *
     * @param reason what is wrong, naming the header or part, e.g. "CSeq: sequence number exceeds 2^31-1"
     * @param startLine the start line when it could be read, else null
     * @param callId the Call-ID when a Call-ID header was read
     * @param partialHeaders the header fields read before the defect (all of them when the defect
     *                       is in a value)
     */
    record Invalid(String reason, String startLine, Optional<String> callId, Headers partialHeaders)
            implements ParseResult {
    }
}
