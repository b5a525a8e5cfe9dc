package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.events.Event.AuthenticationFailed;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.RegisterHandler;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.sip.logging.LogLimiter;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.RequestHandler;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.uri.SipUri;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SIP front door: every request the stack receives (after the {@link BanList} has
 * dropped banned sources) is screened here and handed on. Requests from a trunk's provider are
 * trusted by address; every phone request is authenticated — REGISTER by the registrar (401),
 * new calls here (407) — and a phone may only call as itself. See the package documentation
 * for the rules and their trade-offs.
 */
public final class Edge implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(Edge.class);
    /** Lines a sender can cause per request: one per source per interval. */
    private static final LogLimiter LIMITER = LogLimiter.system();

    /** Every part the edge hands requests to. */
    public record Parts(TrunkScreen trunks, BanList bans, ProxyAuthentication auth, RegisterHandler registrar,
                        CallHandler calls, EventSink events, InstantSource clock) {
    }

    private final Parts parts;
    private final LongAdder authFailures = new LongAdder();

    public Edge(Parts parts) {
        this.parts = parts;
    }

    @Override
    public void onRequest(ServerRequest request) {
        RequestRoute route = RequestRoute.of(request.request());
        Optional<String> trunk = parts.trunks().trunkFor(request.source().remote());
        if (trunk.isPresent()) {
            fromProvider(request, route, trunk.get());
        } else {
            fromPhone(request, route);
        }
    }

    private void fromProvider(ServerRequest request, RequestRoute route, String trunk) {
        switch (route) {
            case NEW_CALL -> parts.calls().onInvite(request, new Caller.Trunk(trunk));
            case OPTIONS -> options(request);
            case ACK, CANCEL, IN_DIALOG, NO_DIALOG -> inDialog(request);
            case REGISTER -> request.respond(403, "Forbidden"); // providers do not register to a site
            case UNSUPPORTED -> notAllowed(request);
        }
    }

    private void fromPhone(ServerRequest request, RequestRoute route) {
        switch (route) {
            case REGISTER -> register(request);
            case NEW_CALL -> newCall(request);
            // Phones probe with OPTIONS and keepalive tools use it: harmless, and a challenge would break them.
            case OPTIONS -> options(request);
            case ACK, CANCEL, IN_DIALOG, NO_DIALOG -> inDialog(request);
            case UNSUPPORTED -> notAllowed(request);
        }
    }

    private void register(ServerRequest request) {
        Flow flow = Flow.of(request.source());
        parts.registrar().handle(request.request(), flow).whenComplete((response, failure) -> {
            if (failure != null) {
                LIMITER.admit("REGISTER failed", request.source().remote().getAddress()).ifPresent(held ->
                        log.warn("REGISTER from {} failed: {}{}", flow, failure.toString(), LogLimiter.heldBack(held)));
                request.respond(500, "Server Internal Error");
                return;
            }
            if (response.status() == 403) {
                // Wrong password, unknown user or someone else's number: the registrar logged why, and
                // reported the password guesses among them to the ban list itself.
                authFailures.increment();
            }
            request.respond(response);
        });
    }

    private void newCall(ServerRequest request) {
        switch (parts.auth().check(request.request(), request.source().remote().getAddress())) {
            case ProxyAuthentication.Outcome.Missing m -> request.respond(parts.auth().challenge(request, false));
            case ProxyAuthentication.Outcome.Stale s -> request.respond(parts.auth().challenge(request, true));
            case ProxyAuthentication.Outcome.Rechallenge r -> {
                report(request, r.claimedUser(), r.reason());
                request.respond(parts.auth().challenge(request, r.stale()));
            }
            case ProxyAuthentication.Outcome.Failed f -> {
                report(request, f.claimedUser(), f.reason());
                authFailures.increment();
                if (f.guess()) {
                    parts.bans().failed(request.source().remote().getAddress(), f.reason());
                }
                request.respond(403, "Forbidden");
            }
            case ProxyAuthentication.Outcome.Authenticated a -> authenticatedCall(request, a.user());
        }
    }

    private void authenticatedCall(ServerRequest request, String user) {
        String fromUser = fromUser(request.request());
        if (!fromUser.equals(user)) {
            // Proven credentials, claimed identity of someone else: caller-ID spoofing, or worse, toll fraud
            // billed to another extension. Not counted toward a ban: the password was right.
            report(request, user, "From user '" + fromUser + "' is not the authenticated user " + user);
            request.respond(request.response(403, "Forbidden")
                    .header("Warning", "399 lifeline \"From does not match the authenticated extension\"").build());
            return;
        }
        parts.calls().onInvite(request, new Caller.Extension(user));
    }

    private void inDialog(ServerRequest request) {
        boolean known = parts.calls().onInDialog(request);
        if (!known) {
            // ACK and CANCEL have nothing left to answer; respond() refuses and sends nothing for them.
            request.respond(481, "Call/Transaction Does Not Exist");
        }
    }

    private static void options(ServerRequest request) {
        request.respond(request.response(200, "OK").header("Allow", RequestRoute.ALLOW).build());
    }

    private static void notAllowed(ServerRequest request) {
        SipResponse r = request.response(405, "Method Not Allowed").header("Allow", RequestRoute.ALLOW).build();
        request.respond(r);
    }

    private void report(ServerRequest request, String user, String reason) {
        parts.events().accept(new AuthenticationFailed(parts.clock().instant(), request.method(), user,
                request.source().transport(), request.source().remote(), reason));
    }

    private static String fromUser(SipRequest request) {
        return request.from().uri() instanceof SipUri uri && uri.user() != null ? uri.user() : "";
    }

    /** Authentication failures seen (REGISTER and calls), for status. */
    public long authFailures() {
        return authFailures.sum();
    }
}
