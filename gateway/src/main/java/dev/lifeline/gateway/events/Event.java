package dev.lifeline.gateway.events;

import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A state change of the gateway, at a moment. Each kind is a record nested here, so that adding
 * one is adding a record (the log stores it by its simple name, as JSON of its components; keep
 * component types to strings, numbers, booleans, enums, Instant, Duration and addresses).
 * Renaming a record or a component orphans the rows already written under the old name.
 */
public sealed interface Event {

    Instant at();

    /**
     * The name the log stores this event under: the record's simple name. (So no record may have
     * a component called {@code type}: its accessor would override this.)
     */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * A binding was stored durably (RFC 3261 §10.3 step 7).
     *
     * @param refresh true when it renewed an existing binding rather than adding one
     */
    record BindingSaved(Instant at, String aor, String contact, Instant expiresAt, Transport transport,
                        InetSocketAddress source, boolean refresh) implements Event {
    }

    /**
     * A binding was removed by its phone (expires=0, or {@code Contact: *}).
     *
     * @param reason e.g. "expires=0", "wildcard"
     */
    record BindingRemoved(Instant at, String aor, String contact, String reason) implements Event {
    }

    /** A binding ran out without a refresh and was purged (at = when it was purged). */
    record BindingExpired(Instant at, String aor, String contact, Instant expiredAt) implements Event {
    }

    /**
     * A REGISTER was refused. Ban policies count these per source address.
     *
     * @param aor    the user the request claimed (To or credentials), possibly not configured
     * @param status the final response sent, e.g. 403
     * @param reason why, for the operator; never a secret
     */
    record RegistrationRejected(Instant at, String aor, Transport transport, InetSocketAddress source,
                                int status, String reason) implements Event {
    }

    /**
     * A phone's request other than REGISTER failed digest authentication (the REGISTER
     * counterpart is {@link RegistrationRejected}). Ban policies count these per source address.
     *
     * @param user   the username the credentials claimed, "" when none was readable
     * @param reason why, for the operator; never a secret
     */
    record AuthenticationFailed(Instant at, String method, String user, Transport transport,
                                InetSocketAddress source, String reason) implements Event {
    }

    /** Requests from an address are refused until {@code until}. */
    record SourceBanned(Instant at, InetAddress source, Instant until, String reason) implements Event {
    }

    /**
     * The gateway is up: its SIP listen points and admin API answer.
     *
     * @param listen e.g. "udp 127.0.0.1:5060, tcp 127.0.0.1:5060"
     * @param admin  the admin API's base URL
     */
    record GatewayStarted(Instant at, String site, String listen, String admin) implements Event {
    }

    /** The gateway is shutting down in order (a crash leaves no such event: its absence is the tell). */
    record GatewayStopping(Instant at, String reason) implements Event {
    }

    /** Placeholder for the trunk part: a trunk's registration state changed. */
    record TrunkStateChanged(Instant at, String trunk, String state, String reason) implements Event {
    }

    /**
     * A call arrived (a dialog-creating INVITE) and was routed. Every CallStarted is followed by
     * exactly one {@link CallEnded} with the same callId, whether or not the call was answered.
     *
     * @param from  the caller: extension number or the calling number as shown to the callee
     * @param to    the number dialled
     * @param route how it was routed: "internal", "group 600", "trunk provider", "rejected 404"…
     */
    record CallStarted(Instant at, String callId, String from, String to, String route) implements Event {
    }

    /** Who ended a call. */
    enum Hangup {
        /** The caller hung up or cancelled. */
        CALLER,
        /** The callee hung up, or refused the call (busy, declined). */
        CALLEE,
        /** The gateway ended it: no route, no answer in time, a trunk failure, a missing ACK. */
        GATEWAY
    }

    /**
     * A call ended, answered or not. The quality columns describe the stream each party sent as
     * the gateway's relay received it (fromCaller: the caller's voice, fromCallee: the callee's);
     * all zero when no media flowed.
     *
     * @param status   the final response the caller got: 200 when answered, else e.g. 486, 487, 503
     * @param cause    why it ended, for the operator: "callee hung up", "cancelled by caller", "busy"…
     * @param answered when it was answered (null if never)
     * @param duration talk time from answer to end; zero when not answered
     * @param callerLeg which network the caller's leg crosses: "lan" (a phone) or "wan" (the provider)
     * @param calleeLeg the same for the callee's leg
     * @param blame    which leg was losing packets (see {@code calls.LegBlame}): "lan", "wan", "both",
     *                 "none" or "unmeasured"; null in rows written before legs were judged
     * @param blameReason the same for the operator, with the figure: "LAN leg losing 4.1 % from phone 1001"
     */
    record CallEnded(Instant at, String callId, String from, String to, String route, int status, String cause,
                     Hangup endedBy, Instant answered, Duration duration,
                     long fromCallerPackets, double fromCallerLossPercent, double fromCallerJitterMillis,
                     double fromCallerR, double fromCallerMos,
                     long fromCalleePackets, double fromCalleeLossPercent, double fromCalleeJitterMillis,
                     double fromCalleeR, double fromCalleeMos,
                     String callerLeg, String calleeLeg, String blame, String blameReason) implements Event {
    }

    /**
     * A call's audio quality in one direction while the call is up (the relay reports every 5 s;
     * the final figures are in {@link CallEnded}).
     *
     * @param direction  "from caller" (what the callee hears) or "from callee" (what the caller hears)
     * @param leg        which network that party's stream crossed to the gateway: "lan" (a phone) or
     *                   "wan" (the provider); null in rows written before legs were told apart
     * @param rttMillis  round trip between the gateway and that party from RTCP, or -1 when unknown
     * @param r          ITU-T G.107 E-model R for this direction; {@code mos} its MOS
     */
    record CallQuality(Instant at, String callId, String direction, long packets, double lossPercent,
                       double jitterMillis, double rttMillis, double r, double mos, String leg) implements Event {
    }

    /**
     * A WAN path's health changed, as the failover policy sees it.
     *
     * @param state  "up", "down", or "recovering" (healthy again, inside its hold-down)
     * @param reason why, with the figure that decided it: "quality probes silent for 600 ms",
     *               "3 OPTIONS probes failed (last: timeout after 1 s)", "R 52 below floor 70 for 5 s"…
     */
    record PathStateChanged(Instant at, String path, String state, String reason) implements Event {
    }

    /**
     * A path that is up became suspect ({@code state} "suspect": the provider's media on it went
     * silent, or an OPTIONS probe failed) and is being confirmed with a burst of probes, or the
     * suspicion ended because something came back on it ("cleared"). A confirmed suspicion is a
     * {@link PathStateChanged} to down.
     */
    record PathSuspicion(Instant at, String path, String state, String reason) implements Event {
    }

    /**
     * The path carrying trunk signalling and provider media changed (a failover or a failback).
     * {@code from} or {@code to} is "" when there was none before / none is left (survival mode).
     */
    record ActivePathChanged(Instant at, String from, String to, String reason) implements Event {
    }

    /**
     * Every WAN path is down (active = true) or one came back (false). In survival mode internal
     * calls and critical groups keep working and outbound calls fail at once with a reason.
     */
    record SurvivalModeChanged(Instant at, boolean active, String reason) implements Event {
    }

    /**
     * A trunk's signalling moved to a path: REGISTER sent over it with a new Contact.
     *
     * @param target the provider address now used, "host:port" with transport, e.g. "udp 203.0.113.5:5060"
     */
    record TrunkMoved(Instant at, String trunk, String path, String target, String contact) implements Event {
    }

    /**
     * An active call's provider-side media moved to another path (re-INVITE with the new path's
     * media address). {@code took} runs from the path switch to the re-INVITE's final answer.
     *
     * @param status the re-INVITE's final status, or 0 when it got none (the media moved anyway)
     */
    record CallMediaMoved(Instant at, String callId, String path, int status, Duration took) implements Event {
    }

    /**
     * A DNS lookup on a path failed or was answered from stale cache (RFC 8767).
     *
     * @param recordType  the query type: NAPTR, SRV, A, AAAA
     * @param servedStale true when an expired answer was used instead
     * @param reason      e.g. "SERVFAIL from 127.0.0.21:53", "timeout after 2 s from every resolver"
     */
    record DnsProblem(Instant at, String path, String name, String recordType, boolean servedStale, String reason)
            implements Event {
    }

    /**
     * A provider target (from SRV, or the configured host) failed a request and the next was tried.
     *
     * @param target e.g. "udp 203.0.113.5:5060 (sip1.provider.example)"
     * @param reason e.g. "503 Service Unavailable", "timeout (Timer F)", "connection refused"
     */
    record ProviderTargetFailed(Instant at, String trunk, String method, String target, String reason)
            implements Event {
    }

    /**
     * The result of checking a certificate: a provider's chain as seen over a path, or one of the
     * gateway's own. Emitted at start, hourly, and whenever a file changes.
     *
     * @param subject  what was checked, e.g. "provider sip1.provider.example via wan1", "listener tls 0.0.0.0:5061"
     * @param severity "ok", "warning" (expires within 30 days), "critical" (within 7), "invalid"
     * @param notAfter the leaf's expiry (null when no certificate was seen)
     * @param detail   e.g. "expires on 2026-12-01 (6 days)", "certificate expired on 2026-10-01",
     *                 "unknown issuer CN=Example CA"
     */
    record CertificateChecked(Instant at, String subject, String severity, Instant notAfter, String detail)
            implements Event {
    }

    /**
     * A fault injected for a drill through the admin API ({@code dev.lifeline.gateway.fault}).
     *
     * @param kind   "path-cut" or "media-loss"
     * @param target the path's name or the call's Call-ID
     * @param until  the deadline at which the gateway ends it by itself
     */
    record FaultStarted(Instant at, String id, String kind, String target, String detail, Instant until)
            implements Event {
    }

    /** @param reason "deadline", "ended through the admin API", "gateway stopping" */
    record FaultEnded(Instant at, String id, String kind, String target, String reason) implements Event {
    }

    /**
     * A new configuration version is in force (hot-applied); health gates now watch it.
     *
     * @param version  the stored version's number ({@code lifeline config history})
     * @param who      who applied it, as the admin client said (OS user and client), or "SIGHUP"
     * @param sha256   the SHA-256 of the YAML text, hex
     * @param changed  the sections that changed, e.g. "extensions, dialPlan"
     */
    record ConfigApplied(Instant at, int version, String who, String sha256, String changed) implements Event {
    }

    /**
     * An applied version is kept: its health gates passed and, if a confirmation was asked for, it came.
     *
     * @param by "operator" (lifeline config confirm) or "gates" (no confirmation was asked for)
     */
    record ConfigConfirmed(Instant at, int version, String by) implements Event {
    }

    /**
     * An applied version was undone and {@code restored} is in force again.
     *
     * @param reason why: the gate that failed, the confirmation that did not come, or an operator's rollback
     */
    record ConfigRolledBack(Instant at, int version, int restored, String reason) implements Event {
    }
}
