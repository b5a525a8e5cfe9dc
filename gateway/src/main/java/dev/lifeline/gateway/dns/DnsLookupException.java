package dev.lifeline.gateway.dns;

/**
 * A lookup that produced no answer: every resolver of the path failed and no cached answer was
 * young enough to serve stale, or location found no usable target. The message names the path,
 * the name, the type, what each resolver did and what to check.
 */
public final class DnsLookupException extends Exception {

    public DnsLookupException(String message) {
        super(message);
    }
}
