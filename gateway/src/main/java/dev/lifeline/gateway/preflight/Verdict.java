package dev.lifeline.gateway.preflight;

import java.util.Locale;

/** How one check came out; {@link #FAIL} is what an outage would find. */
public enum Verdict {
    PASS,
    /** Works now, but weakens continuity or could not be judged fully. */
    WARN,
    /** Breaks continuity: fix before relying on the site. */
    FAIL,
    /** Not run: not configured, or made meaningless by another check's failure (the finding says which). */
    SKIP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
