package dev.lifeline.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digest algorithms of RFC 7616 §3.3 / RFC 8760 §2, with their wire names. The order of
 * the constants is weakest to strongest, which is how a client ranks several challenges.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private static final HexFormat HEX = HexFormat.of();

    private final String wireName;
    private final String jcaName;
    private final boolean session;

    DigestAlgorithm(String wireName, String jcaName, boolean session) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.session = session;
    }

    /** The token sent in {@code algorithm=}. */
    public String wireName() {
        return wireName;
    }

    /** True for the {@code -sess} variants, whose HA1 also covers nonce and cnonce. */
    public boolean isSession() {
        return session;
    }

    /**
     * The algorithm without {@code -sess}. A stored HA1 belongs to this: the session HA1 is
     * derived from it per request, so one stored value serves both variants.
     */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
            case SHA_512_256, SHA_512_256_SESS -> SHA_512_256;
        };
    }

    /** Length of a hash in lower-case hex: 32 for MD5, 64 for the SHA-2 variants. */
    public int hexLength() {
        return base() == MD5 ? 32 : 64;
    }

    /** Looks up a wire name, case-insensitively (RFC 7616 tokens are case-insensitive). */
    public static Optional<DigestAlgorithm> fromWireName(String name) {
        for (DigestAlgorithm a : values()) {
            if (a.wireName.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** H(data) as lower-case hex, the form every digest step uses. */
    public String hash(byte[] data) {
        return HEX.formatHex(digest().digest(data));
    }

    /** H(text) of the UTF-8 bytes (RFC 7616 §3.4.1 with charset=UTF-8; SIP is UTF-8). */
    public String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** HA1 = H(username ":" realm ":" password), the value a server may store instead of the password. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /** The session HA1 of RFC 7616 §3.4.2: H(H(user:realm:pw) ":" nonce ":" cnonce); identity otherwise. */
    public String sessionHa1(String baseHa1, String nonce, String cnonce) {
        return session ? hash(baseHa1 + ":" + nonce + ":" + cnonce) : baseHa1;
    }

    /** The hashed username of RFC 7616 §3.4.4: H(username ":" realm). */
    public String userhash(String username, String realm) {
        return hash(username + ":" + realm);
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    @Override
    public String toString() {
        return wireName;
    }
}
