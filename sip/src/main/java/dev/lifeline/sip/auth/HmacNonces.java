package dev.lifeline.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that carry their own proof of origin, so any node holding the secret can check one
 * without having stored it: {@code base64url(issued-millis[8] | random[8] | mac[16])} where
 * {@code mac} is HMAC-SHA-256(secret, realm | 0 | issued | random) truncated to 128 bits.
 * 43 characters: short enough for the fixed nonce buffers some desk phones have.
 */
final class HmacNonces {

    private static final int STAMP = 16;
    private static final int MAC = 16;
    private static final int ENCODED_LENGTH = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final byte[] realm;

    HmacNonces(byte[] secret, String realm) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
    }

    String issue(Instant now, RandomGenerator random) {
        ByteBuffer stamp = ByteBuffer.allocate(STAMP + MAC);
        stamp.putLong(now.toEpochMilli()).putLong(random.nextLong());
        stamp.put(mac(Arrays.copyOf(stamp.array(), STAMP)), 0, MAC);
        return ENCODER.encodeToString(stamp.array());
    }

    /** When the nonce was issued, or empty when this gateway's secret did not sign it. */
    Optional<Instant> issuedAt(String nonce) {
        if (nonce.length() != ENCODED_LENGTH) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(Arrays.copyOf(raw, STAMP)), MAC);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, STAMP, STAMP + MAC))) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(raw).getLong()));
    }

    /**
     * A value the client must echo, derived from the secret so that it too needs no state.
     * It proves little beyond the nonce; it exists for peers that expect one.
     */
    String opaque() {
        return ENCODER.encodeToString(Arrays.copyOf(mac("opaque".getBytes(StandardCharsets.US_ASCII)), 12));
    }

    private byte[] mac(byte[] data) {
        try {
            // Mac instances are not thread-safe; one per call is cheap next to a SIP transaction.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(realm);
            mac.update((byte) 0);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }
}
