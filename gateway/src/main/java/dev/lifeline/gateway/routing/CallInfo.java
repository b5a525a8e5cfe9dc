package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.calls.LegBlame;
import dev.lifeline.gateway.calls.LegReading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A call as status and the admin API show it.
 *
 * @param id        the gateway's id for the call (the A leg's Call-ID)
 * @param from      caller (extension number or presented caller ID)
 * @param to        dialled number
 * @param route     how it was routed: "internal", "group 600", "trunk provider", "emergency via provider"
 * @param started   when the INVITE arrived
 * @param answered  when it was answered, if it was
 * @param legs      each leg's stream as the relay last reported it (every 5 s while media flows;
 *                  empty before the first report), caller's leg first
 * @param blame     which of those legs is losing packets
 */
public record CallInfo(String id, String from, String to, String route, Instant started, Optional<Instant> answered,
                       List<LegReading> legs, LegBlame.Blame blame) {

    public CallInfo {
        legs = List.copyOf(legs);
    }

    /** A call without quality reports yet. */
    public CallInfo(String id, String from, String to, String route, Instant started, Optional<Instant> answered) {
        this(id, from, to, route, started, answered, List.of(), LegBlame.judge(List.of()));
    }
}
