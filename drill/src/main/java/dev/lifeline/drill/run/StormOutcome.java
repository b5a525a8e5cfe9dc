package dev.lifeline.drill.run;

import java.time.Duration;

/**
 * A registration storm as the storm phones saw it (observed by the lab, not the gateway's word).
 *
 * @param phones          storm phones that took part
 * @param registered      phones that got a 200 OK to their REGISTER within the storm's bound
 * @param refused         503 answers along the way (each phone backed off and retried)
 * @param elapsed         from the first REGISTER of the storm to the last phone's 200 OK (or the bound)
 * @param p99Millis       99th percentile of a phone's REGISTER-to-200 time, challenge and retries included
 * @param bindingsFound   phones whose binding the gateway listed when asked afterwards
 * @param asked           phones that got an answer when they asked for their binding
 */
record StormOutcome(int phones, long registered, long refused, Duration elapsed, double p99Millis,
                    long bindingsFound, long asked) {

    /** Every phone registered within the bound. */
    boolean allRegistered() {
        return registered >= phones;
    }
}
