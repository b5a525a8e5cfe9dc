package dev.lifeline.gateway.registrar;

import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Final responses to a REGISTER, with the To tag every final response needs (RFC 3261 §8.2.6.2). */
final class Responses {

    /** SIP-date (RFC 3261 §20.17): RFC 1123 with a two-digit day, always GMT. */
    private static final DateTimeFormatter SIP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final RandomGenerator random;

    Responses(RandomGenerator random) {
        this.random = random;
    }

    SipResponse.Builder builder(SipRequest request, int status, String reason) {
        return SipResponse.forRequest(request, status, reason).toTag(tag());
    }

    SipResponse plain(SipRequest request, int status, String reason) {
        return builder(request, status, reason).build();
    }

    static String date(Instant now) {
        return SIP_DATE.format(now);
    }

    static SipResponse.Builder dated(SipResponse.Builder b, Instant now) {
        return b.header(HeaderNames.DATE, date(now));
    }

    /** A random fraction in [low, high]; RandomGenerator implementations need not be thread-safe. */
    double fraction(double low, double high) {
        if (low == high) {
            return low;
        }
        synchronized (random) {
            return low + random.nextDouble() * (high - low);
        }
    }

    int between(int low, int high) {
        synchronized (random) {
            return random.nextInt(low, high + 1);
        }
    }

    private String tag() {
        long bits;
        synchronized (random) {
            bits = random.nextLong();
        }
        return Long.toHexString(bits);
    }
}
