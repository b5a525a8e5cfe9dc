package dev.lifeline.gateway;

import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.gateway.registrar.location.SqliteLocationStore;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.MediaAddresses;
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
 * @param certificateRecheck when the certificate watch runs besides its hourly round; at once
 *                           when an outbound TLS handshake fails, by default
 */
public record GatewayPlugins(Function<GatewayContext, Trunks> trunks, CallHandlerFactory calls, InstantSource clock,
                             LocationStoreFactory locations, CertificateRecheck certificateRecheck) {

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

    /** When certificates are checked besides the hourly round (and on file changes). */
    public enum CertificateRecheck {
        /** Also as soon as a handshake to a peer fails: the event names an expired certificate within seconds. */
        ON_HANDSHAKE_FAILURE,
        /** Only hourly: an expired provider certificate shows in the event log up to an hour late. */
        HOURLY_ONLY
    }

    public static final GatewayPlugins DEFAULT = new GatewayPlugins(LiveTrunks::start, LiveCalls::create,
            InstantSource.system(), SqliteLocationStore::open, CertificateRecheck.ON_HANDSHAKE_FAILURE);

    /**
     * The production B2BUA with its relay anchoring media where {@code media} says instead of on
     * the LAN address toward phones and the active path's address toward providers — how tests
     * run the drills against a gateway whose media leaves by the wrong address.
     */
    public static CallHandlerFactory liveCalls(Function<GatewayContext, MediaAddresses> media) {
        Objects.requireNonNull(media, "media");
        return (context, trunks) -> LiveCalls.create(context, trunks, media.apply(context));
    }

    public GatewayPlugins {
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(certificateRecheck, "certificateRecheck");
    }

    public GatewayPlugins withTrunks(Function<GatewayContext, Trunks> value) {
        return new GatewayPlugins(value, calls, clock, locations, certificateRecheck);
    }

    public GatewayPlugins withCalls(CallHandlerFactory value) {
        return new GatewayPlugins(trunks, value, clock, locations, certificateRecheck);
    }

    public GatewayPlugins withClock(InstantSource value) {
        return new GatewayPlugins(trunks, calls, value, locations, certificateRecheck);
    }

    public GatewayPlugins withLocations(LocationStoreFactory value) {
        return new GatewayPlugins(trunks, calls, clock, value, certificateRecheck);
    }

    public GatewayPlugins withCertificateRecheck(CertificateRecheck value) {
        return new GatewayPlugins(trunks, calls, clock, locations, value);
    }
}
