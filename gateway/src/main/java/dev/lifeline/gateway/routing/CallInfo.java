package dev.lifeline.gateway.routing;

import java.time.Instant;
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
 */
public record CallInfo(String id, String from, String to, String route, Instant started, Optional<Instant> answered) {
}
