package dev.lifeline.media.relay;

/** The two sides of a relayed call: A faces the phone that called, B the trunk or the other phone. */
public enum Leg {
    A, B;

    public Leg other() {
        return this == A ? B : A;
    }
}
