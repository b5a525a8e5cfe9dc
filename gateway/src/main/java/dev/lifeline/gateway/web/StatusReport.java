package dev.lifeline.gateway.web;

import dev.lifeline.gateway.routing.TrunkSummary;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/status}: the gateway at a glance. Times are ISO-8601 strings.
 *
 * @param listen        "udp 127.0.0.1:5060" per listen point
 * @param registrations bindings not expired now
 * @param bans          source addresses banned now
 * @param transport     transport counters: messages, connections, drops per reason
 */
public record StatusReport(String site, String startedAt, long uptimeSeconds, List<String> listen,
                           int registrations, List<TrunkSummary> trunks, int activeCalls, int bans,
                           Map<String, Long> transport, Map<String, Long> keepalives, List<PathSummary> paths,
                           boolean survivalMode, List<CertificateSummary> certificates) {

    /** The latest check of one certificate: severity "ok", "warning", "critical" or "invalid". */
    public record CertificateSummary(String subject, String severity, String detail, String checkedAt) {
    }

    /**
     * One WAN path as status shows it.
     *
     * @param state   "up", "down" or "recovering"
     * @param since   when it entered that state (ISO-8601)
     * @param active  whether trunk signalling and provider media use it now
     * @param lossPercent, rttMillis, jitterMillis, r: quality probe figures over the last window,
     *                -1 (R: -1) while unknown
     */
    public record PathSummary(String name, String bind, String state, String since, boolean active, double lossPercent,
                              double rttMillis, double jitterMillis, double r, String reason) {
    }
}
