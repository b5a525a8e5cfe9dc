package dev.lifeline.gateway;

import dev.lifeline.gateway.edge.TrunkScreen;
import dev.lifeline.gateway.routing.TrunkDirectory;
import dev.lifeline.gateway.routing.TrunkSummary;
import java.util.List;
import java.util.Optional;

/**
 * The site's trunks as the gateway needs them: the edge screens provider requests with
 * {@link #screen()}, routing reaches providers through {@link #directory()}, status shows
 * {@link #summaries()}. Started after the edge is ready (a provider's first INVITE may follow
 * its registration at once), closed before the SIP stack.
 */
public interface Trunks extends AutoCloseable {

    TrunkScreen screen();

    TrunkDirectory directory();

    List<TrunkSummary> summaries();

    /** The live trunks, which WAN path changes move; none by default. */
    default java.util.Collection<dev.lifeline.gateway.trunk.ProviderTrunk> live() {
        return List.of();
    }

    /** Begins registering and probing; must not block. */
    void start();

    @Override
    void close();

    /** No trunk support plugged in: nothing is screened as a provider and no trunk is reachable. */
    static Trunks none() {
        return new Trunks() {
            @Override
            public TrunkScreen screen() {
                return TrunkScreen.none();
            }

            @Override
            public TrunkDirectory directory() {
                return new TrunkDirectory() {
                    @Override
                    public Optional<TrunkRoute> reachable(String trunkName) {
                        return Optional.empty();
                    }

                    @Override
                    public String whyUnreachable(String trunkName) {
                        return "trunk " + trunkName + ": trunks are not enabled in this gateway build";
                    }
                };
            }

            @Override
            public List<TrunkSummary> summaries() {
                return List.of();
            }

            @Override
            public void start() {
            }

            @Override
            public void close() {
            }
        };
    }
}
