package dev.lifeline.gateway.change;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored configuration version.
 *
 * @param who    who applied it ("alice via lifeline config apply", "SIGHUP", "start")
 * @param source the file it came from, as given
 * @param status {@link #ACTIVE} (in force, kept), {@link #WATCHING} (in force, gates running),
 *               {@link #SUPERSEDED} (was in force), {@link #ROLLED_BACK} (undone; reason says why)
 */
public record ConfigVersion(int version, Instant appliedAt, String who, String source, String sha256, String yaml,
                            String status, String reason) {

    public static final String ACTIVE = "active";
    public static final String WATCHING = "watching";
    public static final String SUPERSEDED = "superseded";
    public static final String ROLLED_BACK = "rolled-back";

    public ConfigVersion {
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean inForce() {
        return status.equals(ACTIVE) || status.equals(WATCHING);
    }
}
