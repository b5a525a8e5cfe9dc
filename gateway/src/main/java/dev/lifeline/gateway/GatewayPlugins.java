package dev.lifeline.gateway;

import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.gateway.registrar.location.SqliteLocationStore;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parts of a gateway that are built elsewhere and plugged in: trunks and the call handler
 * (the B2BUA), each made from the running gateway's {@link GatewayContext}, the clock, and the
 * location store.
 *
 * @param trunks makes the trunks; the configured trunks, registering through the stack, by default
 * @param calls  makes the call handler, given the trunks (routing needs their directory);
 *               the B2BUA ({@code LiveCalls}) by default; {@link UnroutedCalls} answers 480 to every call
 * @param locations opens the location store on the gateway's database; {@link SqliteLocationStore} by
 *                  default (the bench module swaps in a memory store to measure what durability costs)
 */
public record GatewayPlugins(Function<GatewayContext, Trunks> trunks, CallHandlerFactory calls, InstantSource clock,
                             LocationStoreFactory locations) {

    /** Makes the call handler once the stack runs. */
    @FunctionalInterface
    public interface CallHandlerFactory {
        CallHandler create(GatewayContext context, Trunks trunks);
    }

    /** Opens the location store when the storage is open. */
    @FunctionalInterface
    public interface LocationStoreFactory {
        LocationStore open(SqliteDatabase database, EventSink events, Instant now);
    }

    public static final GatewayPlugins DEFAULT = new GatewayPlugins(LiveTrunks::start, LiveCalls::create,
            InstantSource.system(), SqliteLocationStore::open);

    public GatewayPlugins {
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(locations, "locations");
    }

    public GatewayPlugins withTrunks(Function<GatewayContext, Trunks> value) {
        return new GatewayPlugins(value, calls, clock, locations);
    }

    public GatewayPlugins withCalls(CallHandlerFactory value) {
        return new GatewayPlugins(trunks, value, clock, locations);
    }

    public GatewayPlugins withClock(InstantSource value) {
        return new GatewayPlugins(trunks, calls, value, locations);
    }

    public GatewayPlugins withLocations(LocationStoreFactory value) {
        return new GatewayPlugins(trunks, calls, clock, value);
    }
}
