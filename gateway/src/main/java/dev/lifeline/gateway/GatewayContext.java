package dev.lifeline.gateway;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a part plugged into the gateway (trunks, the B2BUA) is built from: the configuration,
 * the running SIP stack (to send requests; inbound ones come through the edge), the phones'
 * bindings, the event stream, the clock, a shared scheduler for timers and the database
 * (call records are written through the same group-commit writer), and the WAN paths (which
 * one trunks and provider media use now).
 */
public record GatewayContext(SiteConfig config, SipStack stack, LocationStore locations, EventSink events,
                             InstantSource clock, ScheduledExecutorService scheduler, SqliteDatabase database,
                             LivePaths paths) {
}
