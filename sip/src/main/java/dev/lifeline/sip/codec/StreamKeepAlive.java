package dev.lifeline.sip.codec;

/**
 * RFC 5626 §4.4.1 keepalives on a stream. Written to the channel, {@code PING} sends CRLFCRLF and
 * {@code PONG} sends CRLF. Read from {@link SipStreamDecoder}, {@code PING} reports a ping it has
 * already answered and {@code PONG} a pong for one of our pings.
 */
public enum StreamKeepAlive {
    PING,
    PONG
}
