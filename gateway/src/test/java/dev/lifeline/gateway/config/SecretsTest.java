package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Passwords, HA1 values and tokens never show in toString() or in problems. */
class SecretsTest {

    @Test
    void exampleConfigPrintsWithoutAnyPassword() throws Exception {
        String printed = SiteConfigLoader.load(Path.of("..", "examples", "site.yaml")).toString();

        assertThat(printed).contains("1001", "site1", "wan1").doesNotContain("pw100", "trunkpw");
    }

    @Test
    void tokenAndHa1DoNotPrint() throws Exception {
        String ha1 = "0123456789abcdef0123456789abcdef";
        SiteConfig c = SiteConfigLoader.parse("t.yaml", ConfigSamples.MINIMAL
                .replace("password: a", "ha1: {md5: " + ha1 + "}")
                + "admin: {token: s3cr3t-token-0123456789abcdef0123456789}\n");

        assertThat(c.toString()).doesNotContain(ha1).doesNotContain("s3cr3t-token-0123456789abcdef0123456789").contains("MD5");
        assertThat(c.admin().token().orElseThrow().value()).isEqualTo("s3cr3t-token-0123456789abcdef0123456789");
    }

    @Test
    void problemsAboutSecretsNameTheFieldNotTheValue() {
        String yaml = ConfigSamples.MINIMAL.replace("password: a", "ha1: {md5: abcdefNOTHEX-leaked, sha-256: short-leaked}")
                + """
                trunks:
                  - {name: p, provider: 127.0.0.1:5070, username: u, password: [leaked-in-a-list]}
                admin: {token: tok-leaked, tokenFile: /run/token}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("t.yaml", yaml));

        assertThat(e.problems()).extracting(ConfigProblem::fieldPath).contains("extensions[0].ha1.md5",
                "extensions[0].ha1.sha-256", "trunks[0].password", "admin.tokenFile");
        assertThat(e.getMessage()).doesNotContain("leaked").contains("expected 32 hex digits");
    }

    @Test
    void syntaxErrorOnAPasswordLineDoesNotQuoteTheLine() {
        String yaml = ConfigSamples.MINIMAL.replace("password: a}", "password: \"leaked}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("t.yaml", yaml));

        assertThat(e.problems()).isNotEmpty();
        assertThat(e.getMessage()).contains("YAML syntax").doesNotContain("leaked");
    }

    @Test
    void misspeltPasswordKeyIsNamedWithoutItsValue() {
        String yaml = ConfigSamples.MINIMAL.replace("password: a", "passwrd: leaked");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("t.yaml", yaml));

        assertThat(e.getMessage()).contains("unknown field 'passwrd'; did you mean 'password'?").doesNotContain("leaked");
    }
}
