package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A hunt group or queue that a number rings.
 *
 * @param members extension numbers in ringing order: those listed under the group, then
 *     extensions that name the group in their own {@code groups}
 * @param critical a route that must keep working in survival mode (e.g. the reception or
 *     security desk); reports and drills check it first
 * @param ringTimeout ring-all: how long everyone rings; sequential: how long each member rings
 */
public record Group(String number, String name, RingStrategy strategy, List<String> members,
                    boolean critical, Duration ringTimeout) {

    public Group {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        members = List.copyOf(members);
        Objects.requireNonNull(ringTimeout, "ringTimeout");
    }
}
