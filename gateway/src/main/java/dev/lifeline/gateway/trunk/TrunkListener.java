package dev.lifeline.gateway.trunk;

/**
 * Told about every change of a trunk's {@link TrunkState}, in order, one call at a time.
 * A change is any difference in the record: status, reason, retry time, or the expiry a
 * refresh moved forward. The gateway maps these onto its event stream.
 */
@FunctionalInterface
public interface TrunkListener {

    /** Called under the trunk's lock: return quickly and do not call back into the trunk's commands from here. */
    void onChange(TrunkState state);
}
