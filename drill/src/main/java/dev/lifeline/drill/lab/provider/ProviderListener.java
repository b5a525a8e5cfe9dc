package dev.lifeline.drill.lab.provider;

/**
 * Told about each {@link ProviderObservation} as it happens, on the thread that saw it (a SIP
 * stack thread or the caller's): do not block.
 */
@FunctionalInterface
public interface ProviderListener {

    void observed(ProviderObservation observation);
}
