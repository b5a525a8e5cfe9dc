package dev.lifeline.gateway;

import dev.lifeline.gateway.routing.CallHandler;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parts of a gateway that are built elsewhere and plugged in: trunks and the call handler
 * (the B2BUA), each made from the running gateway's {@link GatewayContext}, and the clock.
 *
 * @param trunks makes the trunks; the configured trunks, registering through the stack, by default
 * @param calls  makes the call handler, given the trunks (routing needs their directory);
 *               the B2BUA ({@code LiveCalls}) by default; {@link UnroutedCalls} answers 480 to every call
 */
public record GatewayPlugins(Function<GatewayContext, Trunks> trunks, CallHandlerFactory calls, InstantSource clock) {

    /** Makes the call handler once the stack runs. */
    @FunctionalInterface
    public interface CallHandlerFactory {
        CallHandler create(GatewayContext context, Trunks trunks);
    }

    public static final GatewayPlugins DEFAULT =
            new GatewayPlugins(LiveTrunks::start, LiveCalls::create, InstantSource.system());

    public GatewayPlugins {
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(clock, "clock");
    }

    public GatewayPlugins withTrunks(Function<GatewayContext, Trunks> value) {
        return new GatewayPlugins(value, calls, clock);
    }

    public GatewayPlugins withCalls(CallHandlerFactory value) {
        return new GatewayPlugins(trunks, value, clock);
    }

    public GatewayPlugins withClock(InstantSource value) {
        return new GatewayPlugins(trunks, calls, value);
    }
}
