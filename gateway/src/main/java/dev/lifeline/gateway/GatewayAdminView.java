package dev.lifeline.gateway;

import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.web.AdminView;
import dev.lifeline.gateway.web.StatusReport;
import dev.lifeline.sip.transport.TransportStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The running gateway as the admin API reads it. */
final class GatewayAdminView implements AdminView {

    private final Gateway gateway;

    GatewayAdminView(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public java.util.Optional<dev.lifeline.gateway.fault.FaultInjector> faults() {
        return gateway.faults();
    }

    @Override
    public StatusReport status() {
        Instant now = gateway.clock().instant();
        return new StatusReport(gateway.config().site().name(), gateway.startedAt().toString(),
                Duration.between(gateway.startedAt(), now).toSeconds(),
                gateway.listenPoints().stream().map(Gateway::describe).toList(),
                gateway.locations().all(now).size(), gateway.trunks().summaries(), gateway.calls().activeCalls().size(),
                gateway.bans().active().size(), transport(gateway.stack().transportStats()), keepalives(), paths(),
                gateway.paths().survival(), gateway.certificates().stream()
                        .map(c -> new StatusReport.CertificateSummary(c.subject(), c.verdict().severity().label(),
                                c.verdict().reason(), c.checkedAt().toString())).toList());
    }

    private List<StatusReport.PathSummary> paths() {
        return gateway.paths().snapshot().stream().map(p -> new StatusReport.PathSummary(p.name(),
                gateway.config().path(p.name()).map(w -> w.bind().getHostAddress()).orElse(""), p.state(),
                p.since().toString(), p.active(), p.lossPercent(), p.rttMillis(), p.jitterMillis(),
                Double.isNaN(p.r()) ? -1 : p.r(), p.lastReason())).toList();
    }

    private Map<String, Long> transport(TransportStats s) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("messagesReceived", s.messagesReceived());
        m.put("messagesSent", s.messagesSent());
        m.put("connectionsAccepted", s.connectionsAccepted());
        m.put("connectionsOpened", s.connectionsOpened());
        m.put("connectionsClosed", s.connectionsClosed());
        m.put("keepAlivePingsAnswered", s.keepAlivePingsAnswered());
        s.drops().forEach((reason, n) -> m.put("dropped." + reason.name().toLowerCase(Locale.ROOT), n));
        m.put("dropped.banned", gateway.bans().dropped());
        m.put("authFailures", gateway.edge().authFailures());
        return m;
    }

    private Map<String, Long> keepalives() {
        var counts = gateway.keepalive().counts();
        return Map.of("sent", counts.sent(), "failed", counts.failed());
    }

    @Override
    public List<Binding> registrations() {
        return gateway.locations().all(gateway.clock().instant());
    }

    @Override
    public List<CallInfo> calls() {
        return gateway.calls().activeCalls();
    }

    @Override
    public java.util.Optional<String> metrics() {
        return java.util.Optional.ofNullable(gateway.metrics()).map(m -> m.scrape());
    }

    @Override
    public void subscribe(dev.lifeline.gateway.events.EventSink sink) {
        gateway.events().subscribe(sink);
    }

    @Override
    public java.util.Optional<dev.lifeline.gateway.change.ChangeControl> changes() {
        return java.util.Optional.ofNullable(gateway.changes());
    }

    @Override
    public List<LoggedEvent> events(Instant since, int limit) {
        return gateway.events().since(since, limit);
    }
}
