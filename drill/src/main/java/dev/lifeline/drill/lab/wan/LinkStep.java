package dev.lifeline.drill.lab.wan;

/** The outcome of {@link LinkModel#next}: the link's new state and the packet's fate. */
public record LinkStep(LinkState state, LinkDecision decision) {
}
