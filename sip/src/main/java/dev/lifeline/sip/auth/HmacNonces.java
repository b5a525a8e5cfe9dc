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
 * without having stored it: {@code base64url(issued-millis[8] | random[8] | to[4] | mac[12])}
 * where {@code to} is HMAC-SHA-256(secret, realm | 0 | "to" | issued | random | client address)
 * truncated to 32 bits and {@code mac} is HMAC-SHA-256(secret, realm | 0 | issued | random | to)
 * truncated to 96 bits. 43 characters: short enough for the fixed nonce buffers some desk
 * phones have.
 *
 * <p>The {@code to} tag records which address the challenge was sent to. It does not limit
 * who may answer (a phone whose NAT mapping changed still authenticates); it lets the gateway
 * tell a password guess by whoever received the challenge from a wrong answer forged under
 * someone else's address by a sender who never saw that challenge: only the former counts
 * toward a ban. The MAC covers the tag, so a guesser cannot alter it to go uncounted, and
 * forging the tag of a victim's address is a blind 1 in 2^32 guess.
 */
final class HmacNonces {

    private static final int STAMP = 16;
    private static final int TO = 4;
    private static final int SIGNED = STAMP + TO;
    private static final int MAC = 12;
    private static final int ENCODED_LENGTH = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /**
     * Mac instances are not thread-safe: one per thread, keyed once (looking up the provider and
     * keying on every call was a tenth of a registration's CPU). doFinal resets it for the next use.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final byte[] realm;

    HmacNonces(byte[] secret, String realm) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.realm = realm.getBytes(StandardCharsets.UTF_8);
    }

    /** @param client the raw address the challenge goes to; empty when the caller has none */
    String issue(Instant now, RandomGenerator random, byte[] client) {
        ByteBuffer nonce = ByteBuffer.allocate(SIGNED + MAC);
        nonce.putLong(now.toEpochMilli()).putLong(random.nextLong());
        nonce.put(toTag(Arrays.copyOf(nonce.array(), STAMP), client), 0, TO);
        nonce.put(mac(Arrays.copyOf(nonce.array(), SIGNED)), 0, MAC);
        return ENCODER.encodeToString(nonce.array());
    }

    /** When the nonce was issued, or empty when this gateway's secret did not sign it. */
    Optional<Instant> issuedAt(String nonce) {
        Optional<byte[]> raw = signed(nonce);
        return raw.map(bytes -> Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong()));
    }

    /**
     * True when {@code nonce}, signed by this gateway, was sent in a challenge to
     * {@code client} (given as in {@link #issue}).
     */
    boolean issuedTo(String nonce, byte[] client) {
        Optional<byte[]> raw = signed(nonce);
        if (raw.isEmpty()) {
            return false;
        }
        byte[] expected = Arrays.copyOf(toTag(Arrays.copyOf(raw.get(), STAMP), client), TO);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(raw.get(), STAMP, SIGNED));
    }

    /**
     * A value the client must echo, derived from the secret so that it too needs no state.
     * It proves little beyond the nonce; it exists for peers that expect one.
     */
    String opaque() {
        return ENCODER.encodeToString(Arrays.copyOf(mac("opaque".getBytes(StandardCharsets.US_ASCII)), 12));
    }

    /** The decoded nonce when its MAC is ours. */
    private Optional<byte[]> signed(String nonce) {
        if (nonce.length() != ENCODED_LENGTH) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(Arrays.copyOf(raw, SIGNED)), MAC);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, SIGNED, SIGNED + MAC))) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }

    private byte[] toTag(byte[] stamp, byte[] client) {
        // "to" and the length keep this input apart from the MAC's (SIGNED bytes) and opaque's.
        byte[] data = new byte[2 + stamp.length + client.length];
        data[0] = 't';
        data[1] = 'o';
        System.arraycopy(stamp, 0, data, 2, stamp.length);
        System.arraycopy(client, 0, data, 2 + stamp.length, client.length);
        return mac(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }

    private byte[] mac(byte[] data) {
        Mac mac = macs.get();
        mac.update(realm);
        mac.update((byte) 0);
        return mac.doFinal(data);
    }
}
