package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsClientRoutesTest {

    private final TlsClientRoutes routes = TlsClientRoutes.NONE
            .with("sip1.provider.example", "exact")
            .with("*.provider.example", "provider")
            .with("*.eu.provider.example", "eu")
            .with("203.0.113.5", "by-ip");

    @Test
    void anExactHostWinsOverItsDomain() {
        assertThat(routes.select("SIP1.Provider.Example.")).contains("exact");
    }

    @Test
    void theLongestMatchingDomainWins() {
        assertThat(routes.select("sip2.provider.example")).contains("provider");
        assertThat(routes.select("a.b.eu.provider.example")).contains("eu");
    }

    @Test
    void aDomainRouteDoesNotMatchTheDomainItselfNorLookalikes() {
        assertThat(routes.select("provider.example")).isEmpty();
        assertThat(routes.select("evilprovider.example")).isEmpty();
    }

    @Test
    void ipLiteralsRouteExactly() {
        assertThat(routes.select("203.0.113.5")).contains("by-ip");
        assertThat(routes.select("203.0.113.6")).isEqualTo(Optional.empty());
    }

    @Test
    void removingAProfileDropsItsRoutes() {
        TlsClientRoutes left = routes.without("provider");
        assertThat(left.select("sip2.provider.example")).isEmpty();
        assertThat(left.select("sip1.provider.example")).contains("exact");
    }

    @Test
    void malformedPatternsAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> routes.with("a.*.example", "x")).hasMessageContaining("*.domain");
        assertThatThrownBy(() -> routes.with("*.*.example", "x")).hasMessageContaining("*.provider.example");
    }
}
