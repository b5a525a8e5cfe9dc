package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialTest {

    private static final String MD5_HA1 = DigestAlgorithm.MD5.ha1("1001", "site", "hunter2");

    @Test
    void secretsNeverPrint() {
        assertThat(Credential.password("hunter2").toString()).doesNotContain("hunter2");
        assertThat(Credential.Ha1.of(DigestAlgorithm.MD5, MD5_HA1).toString()).doesNotContain(MD5_HA1).contains("MD5");
        DigestSettings settings = DigestSettings.of("site", "0123456789abcdef-secret".getBytes());
        assertThat(settings.toString()).doesNotContain("secret\"").doesNotContain("0123456789abcdef");
    }

    @Test
    void storedHa1IsKeyedByBaseAlgorithm() {
        Credential stored = new Credential.Ha1(Map.of(DigestAlgorithm.MD5_SESS, MD5_HA1));

        assertThat(stored.ha1("1001", "site", DigestAlgorithm.MD5)).contains(MD5_HA1);
        assertThat(stored.ha1("1001", "site", DigestAlgorithm.SHA_256)).isEmpty();
    }

    @Test
    void malformedHa1IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Credential.Ha1.of(DigestAlgorithm.SHA_256, MD5_HA1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HA1 for SHA-256 must be 64 hex digits")
                .message().doesNotContain(MD5_HA1);
    }

    @Test
    void settingsAreValidatedOnce() {
        assertThatThrownBy(() -> DigestSettings.of("site", new byte[8]))
                .hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> DigestSettings.of(" ", new byte[16])).hasMessageContaining("realm");
    }
}
