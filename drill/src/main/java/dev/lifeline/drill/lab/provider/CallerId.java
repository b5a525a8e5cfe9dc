package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import java.util.Objects;

/**
 * The calling party the provider presents on an inbound call, in the formats real providers
 * send (drill F7 checks that the site shows each one right).
 *
 * @param format how the number is written
 * @param number the digits as sent; empty for {@link Format#ANONYMOUS}
 */
public record CallerId(Format format, String number) {

    public enum Format {
        /** {@code sip:+15550123@provider;user=phone} (E.164 with its plus, RFC 3966 style). */
        E164,
        /** {@code sip:5550123@provider}: a national number without country code. */
        NATIONAL,
        /** Display name Anonymous, {@code sip:anonymous@anonymous.invalid}, with {@code Privacy: id} (RFC 3323 §4.1.1). */
        ANONYMOUS
    }

    public CallerId {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(number, "number");
        switch (format) {
            case E164 -> {
                if (!number.matches("\\+[1-9][0-9]{1,14}")) {
                    throw new IllegalArgumentException("an E.164 caller ID is + and up to 15 digits, got \"" + number + "\"");
                }
            }
            case NATIONAL -> {
                if (!number.matches("[0-9]{1,20}")) {
                    throw new IllegalArgumentException("a national caller ID is digits only, got \"" + number + "\"");
                }
            }
            case ANONYMOUS -> {
                if (!number.isEmpty()) {
                    throw new IllegalArgumentException("an anonymous caller ID carries no number");
                }
            }
        }
    }

    public static CallerId e164(String number) {
        return new CallerId(Format.E164, number);
    }

    public static CallerId national(String number) {
        return new CallerId(Format.NATIONAL, number);
    }

    public static CallerId anonymous() {
        return new CallerId(Format.ANONYMOUS, "");
    }

    /** The From header (without tag) of a call from this caller through {@code domain}. */
    public NameAddress fromAddress(String domain) {
        return switch (format) {
            case E164 -> NameAddress.of(SipUri.of(number, domain, -1).withParam("user", "phone"));
            case NATIONAL -> NameAddress.of(SipUri.of(number, domain, -1));
            case ANONYMOUS -> new NameAddress("Anonymous", SipUri.of("anonymous", "anonymous.invalid", -1), Parameters.EMPTY);
        };
    }

    /** "+15550123", "5550123" or "anonymous": how observations and reports show it. */
    public String display() {
        return format == Format.ANONYMOUS ? "anonymous" : number;
    }
}
