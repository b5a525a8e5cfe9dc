package dev.lifeline.gateway;

import dev.lifeline.gateway.admission.GatewayAdmission;
import dev.lifeline.gateway.admission.Priority;
import dev.lifeline.gateway.metrics.LiveState;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.TrunkSummary;
import dev.lifeline.sip.transaction.TransactionLayer;
import dev.lifeline.sip.transport.TransportStats;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** The running gateway as the metrics gauges read it (scrapes begin once the admin API is up, after every part). */
final class GatewayLiveState implements LiveState {

    private final Gateway gateway;

    GatewayLiveState(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public List<PathStatus> paths() {
        return gateway.paths().snapshot();
    }

    @Override
    public Map<String, Long> optionsFailures() {
        return gateway.paths().optionsFailures();
    }

    @Override
    public boolean survival() {
        return gateway.paths().survival();
    }

    @Override
    public List<TrunkSummary> trunks() {
        return gateway.trunks().summaries();
    }

    @Override
    public List<Binding> bindings() {
        return gateway.locations().all(gateway.clock().instant());
    }

    @Override
    public int activeCalls() {
        return gateway.calls().activeCalls().size();
    }

    @Override
    public Map<Priority, GatewayAdmission.Counts> admission() {
        return gateway.admission().counts();
    }

    @Override
    public int activeBans() {
        return gateway.bans().active().size();
    }

    @Override
    public long bannedDropped() {
        return gateway.bans().dropped();
    }

    @Override
    public TransactionLayer.Stats transactions() {
        return gateway.stack().transactionStats();
    }

    @Override
    public TransportStats transport() {
        return gateway.stack().transportStats();
    }

    @Override
    public Map<InetAddress, Integer> relayPairsInUse() {
        return gateway.calls().relayPairsInUse();
    }
}
