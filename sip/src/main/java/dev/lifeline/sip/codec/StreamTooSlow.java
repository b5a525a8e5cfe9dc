package dev.lifeline.sip.codec;

import java.time.Duration;

/**
 * A message began on a stream and was not complete within the deadline (a peer trickling bytes
 * to hold the connection open, or one too slow to serve). {@link SipStreamDecoder} emits this
 * once and discards the partial message and all later bytes; the connection must be closed.
 *
 * @param deadline      how long a message may take from its first byte to its last
 * @param bufferedBytes how much of the message had arrived
 */
public record StreamTooSlow(Duration deadline, int bufferedBytes) {
}
