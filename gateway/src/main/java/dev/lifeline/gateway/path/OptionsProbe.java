package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One SIP OPTIONS probe to the provider over a path: sent from the path's address, through its
 * resolvers, failing after the given timeout (independent of Timer F): the settings' probe
 * timeout for the regular rounds, what is left of the window for a confirmation burst.
 */
public interface OptionsProbe {

    /**
     * Completes with empty when the provider answered, else with the failure's reason as the
     * event should show it: "timeout after 1 s", "503 Service Unavailable", "DNS: SERVFAIL"…
     */
    CompletionStage<Optional<String>> probe(WanPath path, java.time.Duration timeout);
}
