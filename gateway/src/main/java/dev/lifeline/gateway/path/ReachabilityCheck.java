package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A check beside OPTIONS that a path carries packets both ways (STUN Binding, RFC 8489), used by
 * the confirmation burst. A yes ends a suspicion; a no is never held against the path, so a
 * target that does not speak the protocol costs nothing but the packets.
 */
@FunctionalInterface
public interface ReachabilityCheck {

    /** Completes with true when something answered over {@code path} within {@code timeout}. */
    CompletionStage<Boolean> check(WanPath path, Duration timeout);

    /** What the answer was, for the event that ends a suspicion: "a STUN Binding was answered". */
    default String describe() {
        return "a STUN Binding was answered";
    }

    ReachabilityCheck NONE = (path, timeout) -> CompletableFuture.completedFuture(false);
}
