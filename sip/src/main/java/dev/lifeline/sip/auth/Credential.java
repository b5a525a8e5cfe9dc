package dev.lifeline.sip.auth;

import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user's configuration holds to prove a digest: the password itself, or HA1 values
 * (H(user:realm:password)) per hash so the password need not be stored. Neither form ever
 * prints its secret.
 */
public sealed interface Credential permits Credential.Password, Credential.Ha1 {

    /**
     * The base HA1 for an algorithm, or empty when this credential cannot serve it
     * (an HA1 stored only for MD5 cannot answer SHA-256).
     */
    Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm);

    static Credential password(String password) {
        return new Password(password);
    }

    /** A plain-text password; works with every algorithm. */
    record Password(String password) implements Credential {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
            return Optional.of(algorithm.ha1(username, realm, password));
        }

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /**
     * Stored HA1 values keyed by hash (the {@code -sess} variant maps to its base, since the
     * session HA1 is derived per request). Valid only for the realm it was computed with.
     *
     * @param byAlgorithm lower-case hex HA1 per algorithm
     */
    record Ha1(Map<DigestAlgorithm, String> byAlgorithm) implements Credential {
        public Ha1 {
            Map<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
            byAlgorithm.forEach((algorithm, hex) -> copy.put(algorithm.base(), checked(algorithm, hex)));
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("no HA1 given");
            }
            byAlgorithm = Map.copyOf(copy);
        }

        public static Ha1 of(DigestAlgorithm algorithm, String hex) {
            return new Ha1(Map.of(algorithm, hex));
        }

        @Override
        public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
            return Optional.ofNullable(byAlgorithm.get(algorithm.base()));
        }

        @Override
        public String toString() {
            // Which hashes are configured is useful when a phone picks an algorithm we hold no HA1 for.
            return "Ha1[" + byAlgorithm.keySet().stream().sorted().map(DigestAlgorithm::wireName).toList() + " ***]";
        }

        private static String checked(DigestAlgorithm algorithm, String hex) {
            // The message names the algorithm and expected shape only, never the value.
            if (hex == null || hex.length() != algorithm.hexLength() || !isHex(hex)) {
                throw new IllegalArgumentException("HA1 for " + algorithm.base() + " must be "
                        + algorithm.hexLength() + " hex digits");
            }
            return hex.toLowerCase(Locale.ROOT);
        }

        private static boolean isHex(String s) {
            return s.chars().allMatch(HexFormat::isHexDigit);
        }
    }
}
