package dev.lifeline.gateway.routing;

/** Who placed a call, as established by the gateway's edge before routing. */
public sealed interface Caller {

    /** A phone that authenticated as this extension (digest). */
    record Extension(String number) implements Caller {
    }

    /** The provider, on the named trunk (source address screened). */
    record Trunk(String name) implements Caller {
    }
}
