package dev.lifeline.sip.codec;

import java.util.Optional;

/**
 * A stream whose next message boundary can no longer be found: framing failed or a message grew
 * past the parse limits. {@link SipStreamDecoder} emits this once and discards all later bytes;
 * the connection must be closed, after a 400 when {@code partial} has enough headers for one.
 *
 * @param overLimit true when the peer exceeded a size limit rather than sending bad framing
 * @param partial   what the parser made of the buffered bytes, for answering a request
 */
public record StreamDesynchronised(String reason, boolean overLimit, Optional<ParseResult.Invalid> partial) {
}
