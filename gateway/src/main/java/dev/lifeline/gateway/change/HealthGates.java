package dev.lifeline.gateway.change;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The health gates a configuration change must pass: what was working before it still works.
 * Only what the new configuration still has counts (a trunk or extension it removes is not
 * expected to stay), so a change is judged by what it should not have touched.
 */
public final class HealthGates {

    /**
     * The gateway at one moment, as the gates see it.
     *
     * @param registeredTrunks trunks registered with their provider (or reachable, for trunks without registration)
     * @param upPaths          WAN paths in the up state
     * @param boundAors        extensions with at least one unexpired binding
     */
    public record Snapshot(Set<String> registeredTrunks, Set<String> upPaths, Set<String> boundAors) {
        public Snapshot {
            registeredTrunks = Set.copyOf(registeredTrunks);
            upPaths = Set.copyOf(upPaths);
            boundAors = Set.copyOf(boundAors);
        }
    }

    /**
     * What the new configuration still has, so the gates know what must have survived.
     *
     * @param trunks     trunk names
     * @param paths      path names
     * @param extensions extension numbers
     */
    public record Kept(Set<String> trunks, Set<String> paths, Set<String> extensions) {
        public Kept {
            trunks = Set.copyOf(trunks);
            paths = Set.copyOf(paths);
            extensions = Set.copyOf(extensions);
        }
    }

    private HealthGates() {
    }

    /**
     * The first gate that fails, in words for the operator; empty when all pass.
     *
     * @param refused extensions whose REGISTER the gateway refused since the change ("1001: 403 wrong password")
     */
    public static Optional<String> failure(Snapshot before, Snapshot now, Kept kept, List<Refusal> refused) {
        Set<String> lostTrunks = lost(before.registeredTrunks(), now.registeredTrunks(), kept.trunks());
        if (!lostTrunks.isEmpty()) {
            return Optional.of("trunk " + String.join(", ", lostTrunks) + " was registered before the change and is not now");
        }
        Set<String> lostPaths = lost(before.upPaths(), now.upPaths(), kept.paths());
        if (!lostPaths.isEmpty()) {
            return Optional.of("path " + String.join(", ", lostPaths) + " was up before the change and is not now");
        }
        for (Refusal r : refused) {
            if (before.boundAors().contains(r.aor()) && kept.extensions().contains(r.aor())) {
                return Optional.of("phone " + r.aor() + " was registered before the change and its REGISTER was refused"
                        + " after it (" + r.status() + " " + r.reason() + ")");
            }
        }
        Set<String> lostPhones = lost(before.boundAors(), now.boundAors(), kept.extensions());
        if (!lostPhones.isEmpty()) {
            return Optional.of("phone " + String.join(", ", lostPhones) + " was registered before the change and is not now");
        }
        return Optional.empty();
    }

    /** A REGISTER the gateway refused after the change. */
    public record Refusal(String aor, int status, String reason) {
    }

    private static Set<String> lost(Set<String> before, Set<String> now, Set<String> kept) {
        Set<String> lost = new TreeSet<>(before);
        lost.retainAll(kept);
        lost.removeAll(now);
        return lost;
    }
}
