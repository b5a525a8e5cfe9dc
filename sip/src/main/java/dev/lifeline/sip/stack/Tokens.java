package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.Via;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Fresh identifiers for requests and dialogs: tags (RFC 3261 §19.3), Call-IDs (§8.1.1.4) and
 * branches (§8.1.1.7). They come from a cryptographic source by default because a guessable
 * Call-ID and tag pair lets an off-path attacker forge a BYE into someone's call.
 */
public final class Tokens {

    private static final HexFormat HEX = HexFormat.of();

    private final RandomGenerator random;

    /** @param random the source; {@link RandomGenerator} need not be thread-safe, so it is guarded here */
    public Tokens(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public static Tokens secure() {
        return new Tokens(new SecureRandom());
    }

    /** 64 random bits: the RFC asks for at least 32 (§19.3). */
    public String tag() {
        return hex(8);
    }

    /** 128 random bits, then {@code @host} so Call-IDs from different stacks cannot collide. */
    public String callId(String host) {
        return hex(16) + "@" + host;
    }

    /** The magic cookie and 96 random bits: unique in space and time as §8.1.1.7 requires. */
    public String branch() {
        return Via.MAGIC_COOKIE + hex(12);
    }

    private String hex(int bytes) {
        byte[] out = new byte[bytes];
        synchronized (random) {
            random.nextBytes(out);
        }
        return HEX.formatHex(out);
    }
}
