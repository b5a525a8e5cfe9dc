package dev.lifeline.gateway.metrics;

import dev.lifeline.gateway.admission.GatewayAdmission;
import dev.lifeline.gateway.admission.Priority;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.TrunkSummary;
import dev.lifeline.sip.transaction.TransactionLayer;
import dev.lifeline.sip.transport.TransportStats;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What the gauges read from the running gateway at each scrape. Each method must be cheap and
 * must not block on I/O: a scrape reads them all.
 */
public interface LiveState {

    /** Each WAN path's state and probe figures (empty before the paths start, or without paths). */
    List<PathStatus> paths();

    /** Failed OPTIONS probes per path since start. */
    Map<String, Long> optionsFailures();

    /** Every WAN path is down. */
    boolean survival();

    List<TrunkSummary> trunks();

    /** Bindings not expired now. */
    List<Binding> bindings();

    int activeCalls();

    Map<Priority, GatewayAdmission.Counts> admission();

    int activeBans();

    /** Requests dropped because their source was banned, since start. */
    long bannedDropped();

    TransactionLayer.Stats transactions();

    TransportStats transport();

    /** Relay port pairs held now per local address. */
    Map<InetAddress, Integer> relayPairsInUse();
}
