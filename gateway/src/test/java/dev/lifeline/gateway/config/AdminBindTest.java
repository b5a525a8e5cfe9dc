package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * The admin API stays on loopback unless the file says otherwise in so many words — and since it
 * speaks plain HTTP, those words say so; its token is long enough not to be guessed.
 */
class AdminBindTest {

    static final String LONG_TOKEN = "0123456789abcdef0123456789abcdef";

    private static ConfigProblem onlyProblem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + yaml));
        assertThat(e).as("a problem with " + yaml).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void aNonLoopbackAdminAddressIsAProblemWithoutAllowRemote() {
        ConfigProblem p = onlyProblem("admin: {listen: 0.0.0.0:8089}\n");

        assertThat(p.fieldPath()).isEqualTo("admin.listen");
        assertThat(p.message()).contains("not a loopback address", "plain HTTP", "allowRemote: plaintext");
    }

    @Test
    void allowRemoteTrueIsRefusedBecauseTheApiHasNoTls() {
        ConfigProblem p = onlyProblem("admin: {listen: 127.0.0.1:8089, allowRemote: true}\n");

        assertThat(p.fieldPath()).isEqualTo("admin.allowRemote");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).contains("plain HTTP", "allowRemote: plaintext");
    }

    @Test
    void allowRemotePlaintextIsTheExplicitConsent() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml",
                ConfigSamples.MINIMAL + "admin: {listen: 0.0.0.0:8089, allowRemote: plaintext}\n");

        assertThat(c.admin().allowRemote()).isTrue();
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL).admin().allowRemote()).isFalse();
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + "admin: {allowRemote: false}\n")
                .admin().allowRemote()).isFalse();
    }

    @Test
    void aShortTokenIsAProblemThatNamesTheFieldNotTheToken() {
        ConfigProblem p = onlyProblem("admin: {token: hunter2-hunter2}\n");

        assertThat(p.file()).isEqualTo("site.yaml");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.fieldPath()).isEqualTo("admin.token");
        assertThat(p.message()).contains("15 characters", "at least 32").doesNotContain("hunter2");
    }

    @Test
    void aTokenOf32CharactersIsAccepted() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + "admin: {token: " + LONG_TOKEN + "}\n");

        assertThat(c.admin().token().orElseThrow().value()).isEqualTo(LONG_TOKEN);
    }

    @Test
    void eventRetentionHasDefaultsAndIsValidated() throws Exception {
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL).events()).isEqualTo(EventLogSettings.DEFAULT);
        SiteConfig c = SiteConfigLoader.parse("site.yaml",
                ConfigSamples.MINIMAL + "events: {keepFor: 7d, maxRows: 50000, repeatWindow: 5m}\n");
        assertThat(c.events()).isEqualTo(new EventLogSettings(java.time.Duration.ofDays(7), 50_000,
                java.time.Duration.ofMinutes(5)));

        ConfigProblem p = onlyProblem("events: {keepFor: 10m}\n");
        assertThat(p.fieldPath()).isEqualTo("events.keepFor");
        assertThat(p.message()).contains("shorter than an hour");
        assertThat(onlyProblem("events: {maxRows: 10}\n").fieldPath()).isEqualTo("events.maxRows");
        assertThat(onlyProblem("events: {repeatWindow: 2d}\n").fieldPath()).isEqualTo("events.repeatWindow");
    }

    @Test
    void metricsStayBehindTheTokenUnlessTheFileSaysMetricsPublic() throws Exception {
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL).admin().metricsPublic()).isFalse();
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + "admin: {metricsPublic: true}\n")
                .admin().metricsPublic()).isTrue();

        ConfigProblem p = onlyProblem("admin: {metricsPublic: sometimes}\n");

        assertThat(p.fieldPath()).isEqualTo("admin.metricsPublic");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).contains("sometimes", "true or false");
    }
}
