package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    @Test
    void wireNamesAreTheRegisteredTokens() {
        assertThat(Arrays.stream(DigestAlgorithm.values()).map(DigestAlgorithm::wireName))
                .containsExactly("MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess");
    }

    @Test
    void wireNamesAreReadCaseInsensitively() {
        assertThat(DigestAlgorithm.fromWireName("sha-256-SESS")).contains(DigestAlgorithm.SHA_256_SESS);
        assertThat(DigestAlgorithm.fromWireName("AKAv1-MD5")).isEmpty();
    }

    @Test
    void sessionVariantsShareTheirBaseHa1() {
        assertThat(DigestAlgorithm.SHA_512_256_SESS.base()).isEqualTo(DigestAlgorithm.SHA_512_256);
        assertThat(DigestAlgorithm.MD5_SESS.ha1("u", "r", "p")).isEqualTo(DigestAlgorithm.MD5.ha1("u", "r", "p"));
        assertThat(DigestAlgorithm.MD5.sessionHa1("h", "n", "c")).isEqualTo("h");
        assertThat(DigestAlgorithm.MD5_SESS.sessionHa1("h", "n", "c")).isEqualTo(DigestAlgorithm.MD5.hash("h:n:c"));
    }

    @Test
    void everyHashHasTheLengthItsAlgorithmPromises() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            assertThat(a.ha1("1001", "site", "pw")).hasSize(a.hexLength()).matches("[0-9a-f]+");
        }
    }
}
