package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.ResolverSettings;
import dev.lifeline.gateway.dns.DnsSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code dns:} section reaches the paths' resolvers; what it does not set keeps the resolver's defaults. */
class LivePathsDnsTest {

    @Test
    void defaultSectionIsTheResolversDefaults() {
        assertThat(LivePaths.dnsSettings(ResolverSettings.DEFAULT)).isEqualTo(DnsSettings.DEFAULTS);
    }

    @Test
    void configuredValuesAreUsed() {
        DnsSettings s = LivePaths.dnsSettings(new ResolverSettings(Duration.ofMillis(300), 3, Duration.ofHours(2)));
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(s.attempts()).isEqualTo(3);
        assertThat(s.maxStale()).isEqualTo(Duration.ofHours(2));
        assertThat(s.staleAnswerTtl()).isEqualTo(DnsSettings.DEFAULTS.staleAnswerTtl());
        assertThat(s.negativeCacheCap()).isEqualTo(DnsSettings.DEFAULTS.negativeCacheCap());
    }
}
