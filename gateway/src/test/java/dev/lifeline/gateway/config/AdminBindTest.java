package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The admin API stays on loopback unless the file says otherwise in so many words. */
class AdminBindTest {

    @Test
    void aNonLoopbackAdminAddressIsAProblemWithoutAllowRemote() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + "admin: {listen: 0.0.0.0:8089}\n"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.fieldPath()).isEqualTo("admin.listen");
            assertThat(p.message()).contains("not a loopback address", "allowRemote: true");
        });
    }

    @Test
    void allowRemoteIsTheExplicitConsent() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml",
                ConfigSamples.MINIMAL + "admin: {listen: 0.0.0.0:8089, allowRemote: true}\n");

        assertThat(c.admin().allowRemote()).isTrue();
        assertThat(SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL).admin().allowRemote()).isFalse();
    }
}
