package dev.lifeline.gateway;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.sip.stack.SipStack;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a part plugged into the gateway (trunks, the B2BUA) is built from: the configuration,
 * the running SIP stack (to send requests; inbound ones come through the edge), the phones'
 * bindings, the event stream, the clock and a shared scheduler for timers.
 */
public record GatewayContext(SiteConfig config, SipStack stack, LocationStore locations, EventSink events,
                             InstantSource clock, ScheduledExecutorService scheduler) {
}
