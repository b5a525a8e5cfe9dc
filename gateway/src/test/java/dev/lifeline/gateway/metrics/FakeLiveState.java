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

/** A gateway's live state that the test sets field by field. */
final class FakeLiveState implements LiveState {

    volatile List<PathStatus> paths = List.of();
    volatile Map<String, Long> optionsFailures = Map.of();
    volatile boolean survival;
    volatile List<TrunkSummary> trunks = List.of();
    volatile List<Binding> bindings = List.of();
    volatile int activeCalls;
    volatile Map<Priority, GatewayAdmission.Counts> admission = Map.of();
    volatile int activeBans;
    volatile long bannedDropped;
    volatile TransactionLayer.Stats transactions = new TransactionLayer.Stats(0, 0, 0, 0, 0, 0, 0);
    volatile TransportStats transport = new TransportStats(0, 0, 0, 0, 0, 0, Map.of());
    volatile Map<InetAddress, Integer> relay = Map.of();

    @Override public List<PathStatus> paths() { return paths; }
    @Override public Map<String, Long> optionsFailures() { return optionsFailures; }
    @Override public boolean survival() { return survival; }
    @Override public List<TrunkSummary> trunks() { return trunks; }
    @Override public List<Binding> bindings() { return bindings; }
    @Override public int activeCalls() { return activeCalls; }
    @Override public Map<Priority, GatewayAdmission.Counts> admission() { return admission; }
    @Override public int activeBans() { return activeBans; }
    @Override public long bannedDropped() { return bannedDropped; }
    @Override public TransactionLayer.Stats transactions() { return transactions; }
    @Override public TransportStats transport() { return transport; }
    @Override public Map<InetAddress, Integer> relayPairsInUse() { return relay; }
}
