package dev.lifeline.drill.lab.wan;

import java.util.Objects;

/** What happens to one packet on an emulated link: delivered at a time, or dropped with a reason. */
public sealed interface LinkDecision {

    /**
     * Deliver the packet at {@code atNanos} ({@link System#nanoTime()} scale), {@code copies}
     * times (2 when duplicated).
     */
    record Deliver(long atNanos, int copies) implements LinkDecision {
        public Deliver {
            if (copies < 1) {
                throw new IllegalArgumentException("a delivery has at least one copy, got " + copies);
            }
        }
    }

    /** Drop the packet. */
    record Drop(DropReason reason) implements LinkDecision {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
