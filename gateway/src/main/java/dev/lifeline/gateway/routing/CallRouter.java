package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.CallLimits;
import dev.lifeline.gateway.config.DialPlan;
import dev.lifeline.gateway.config.Did;
import dev.lifeline.gateway.config.Group;
import dev.lifeline.gateway.config.NumberFormat;
import dev.lifeline.gateway.config.OutboundRule;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.routing.RouteDecision.TrunkAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The routing decision, without I/O: a dialled number, who dials it and which trunks are
 * reachable now give a {@link RouteDecision}. Order for a phone's call: emergency numbers (as
 * they are or after an outside-line code), extensions, groups, the internal pattern, then the
 * outbound rules (first match wins). A call
 * from a trunk may only reach the site's DIDs: anything else it asks for is refused, so the
 * gateway is never an open relay from the provider side back out to the provider.
 */
public final class CallRouter {

    /**
     * What the router looks at in an INVITE.
     *
     * @param dialled the Request-URI user
     * @param toUser  the To user, which providers sometimes use for the DID instead
     * @param calling the From user (the calling number)
     * @param viaProvider a site drill's test call that must leave through a trunk even to the site's
     *                    own DID (see {@link #mayAskViaProvider}); every other call to an own DID rings
     *                    here directly
     */
    public record Request(Caller caller, String dialled, String toUser, String calling, boolean viaProvider) {
        public Request {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(dialled, "dialled");
            Objects.requireNonNull(toUser, "toUser");
            Objects.requireNonNull(calling, "calling");
        }

        public Request(Caller caller, String dialled, String toUser, String calling) {
            this(caller, dialled, toUser, calling, false);
        }
    }

    /** The header by which a site drill's test phone asks that its call leave through the provider. */
    public static final String DRILL_HEADER = "X-Lifeline-Drill";
    /** Its one value. */
    public static final String VIA_PROVIDER = "via-provider";

    /**
     * Whether {@code caller} may send its call to the site's own DID out through the provider and
     * back in (the site drill's "inbound during failover" step): only the configured drill test
     * extension, and only while the site allows fault injection. Anyone else asking is ignored and
     * the call rings here directly, as always.
     */
    public boolean mayAskViaProvider(Caller caller) {
        return caller instanceof Caller.Extension e && config.admin().faultInjection()
                && config.drill().map(d -> d.testExtension().equals(e.number())).orElse(false);
    }

    private final SiteConfig config;
    private final Numbering numbering;

    public CallRouter(SiteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.numbering = Numbering.of(config.site());
    }

    public Numbering numbering() {
        return numbering;
    }

    /** How many calls one caller may hold up at once (the dial plan's limits). */
    public CallLimits limits() {
        return config.dialPlan().limits();
    }

    /** How many of an extension's contacts one call rings: as many as the registrar keeps. */
    public int contactsPerExtension() {
        return config.registrar().maxContacts();
    }

    public RouteDecision route(Request request, TrunkDirectory trunks) {
        return switch (request.caller()) {
            case Caller.Extension e -> fromExtension(e.number(), Numbering.digits(request.dialled()), trunks,
                    request.viaProvider() && mayAskViaProvider(e));
            case Caller.Trunk t -> fromTrunk(t.name(), request);
        };
    }

    // ---- calls from phones --------------------------------------------------------------

    private RouteDecision fromExtension(String caller, String dialled, TrunkDirectory trunks, boolean viaProvider) {
        DialPlan plan = config.dialPlan();
        Optional<String> emergency = plan.emergencyNumber(dialled);
        if (emergency.isPresent()) {
            // Before anything local: 9911 is 911 to a user in a hurry, even where 9911 fits the internal pattern.
            return emergency(caller, emergency.get(), trunks);
        }
        if (config.extension(dialled).isPresent()) {
            return new RouteDecision.ToExtension(dialled, caller);
        }
        Optional<Group> group = config.group(dialled);
        if (group.isPresent()) {
            return new RouteDecision.ToGroup(group.get(), caller);
        }
        if (plan.internal().isPresent() && plan.internal().get().matcher(dialled).matches()) {
            // Unassigned but ours: answering here keeps a typo from being dialled out.
            return new RouteDecision.Reject(404, "Not Found: no extension " + dialled);
        }
        return plan.outbound().stream().filter(r -> r.match().matcher(dialled).matches()).findFirst()
                .map(rule -> outbound(rule, caller, dialled, trunks, viaProvider))
                .orElseGet(() -> new RouteDecision.Reject(404, "Not Found: no route for " + dialled));
    }

    private RouteDecision outbound(OutboundRule rule, String caller, String dialled, TrunkDirectory trunks,
                                   boolean viaProvider) {
        String number = rule.rewrite(dialled);
        Optional<RouteDecision> ownNumber = viaProvider ? Optional.empty() : did(number).flatMap(d -> local(d.target(), caller));
        if (ownNumber.isPresent()) {
            // The site's own DID rings here directly: no trip through the provider, and it works without a WAN.
            return ownNumber.get();
        }
        List<TrunkAttempt> attempts = new ArrayList<>();
        for (String name : rule.trunks()) {
            trunks.reachable(name).ifPresent(route -> attempts.add(attempt(route, number, caller)));
        }
        if (attempts.isEmpty()) {
            // At once, with the reason: a phone waiting 32 s for Timer B helps nobody during an outage.
            return new RouteDecision.Reject(503, "Service Unavailable: " + whyNot(rule.trunks(), trunks));
        }
        return new RouteDecision.ToTrunk(attempts);
    }

    /**
     * Every reachable trunk in priority order, the no-WAN emergency trunk last, then the
     * fallback group: an emergency call tries everything there is before giving up.
     */
    private RouteDecision emergency(String caller, String number, TrunkDirectory trunks) {
        Optional<String> lastResort = config.dialPlan().whenNoTrunk().emergencyTrunk();
        List<String> order = config.trunks().stream()
                .sorted(Comparator.comparingInt(Trunk::priority))
                .map(Trunk::name)
                .filter(name -> lastResort.map(l -> !l.equals(name)).orElse(true))
                .collect(Collectors.toCollection(ArrayList::new));
        lastResort.ifPresent(order::add);
        List<TrunkAttempt> attempts = new ArrayList<>();
        for (String name : order) {
            // Emergency numbers are dialled as they are; providers route 911/112 themselves.
            trunks.reachable(name).ifPresent(route ->
                    attempts.add(new TrunkAttempt(route, number, callerIdFor(caller, presentation(name)))));
        }
        Optional<Group> fallback = config.dialPlan().whenNoTrunk().emergencyGroup().flatMap(config::group);
        if (attempts.isEmpty() && fallback.isEmpty()) {
            return new RouteDecision.Reject(503, "Service Unavailable: emergency call with no trunk reachable ("
                    + whyNot(order, trunks) + ") and no emergency fallback configured");
        }
        return new RouteDecision.Emergency(number, attempts, fallback, caller);
    }

    private TrunkAttempt attempt(TrunkDirectory.TrunkRoute route, String number, String caller) {
        NumberFormat format = presentation(route.name());
        return new TrunkAttempt(route, numbering.present(number, format), callerIdFor(caller, format));
    }

    private NumberFormat presentation(String trunk) {
        return config.trunk(trunk).map(t -> t.callerId().outbound()).orElse(NumberFormat.E164);
    }

    /**
     * The number a phone's outbound call shows: the DID that rings the extension, else one that
     * rings a group it belongs to, else the site's first DID (its main number). An extension
     * number means nothing outside the site, and providers refuse or rewrite it.
     */
    private String callerIdFor(String extension, NumberFormat format) {
        Optional<String> did = didTo(extension)
                .or(() -> config.groups().stream().filter(g -> g.members().contains(extension))
                        .map(g -> didTo(g.number())).flatMap(Optional::stream).findFirst())
                .or(() -> config.dids().stream().map(Did::number).findFirst());
        return did.map(d -> numbering.present(d, format)).orElse(extension);
    }

    private Optional<String> didTo(String target) {
        return config.dids().stream().filter(d -> d.target().equals(target)).map(Did::number).findFirst();
    }

    private static String whyNot(List<String> names, TrunkDirectory trunks) {
        return names.isEmpty() ? "no trunk configured"
                : names.stream().map(trunks::whyUnreachable).collect(Collectors.joining("; "));
    }

    // ---- calls from the provider --------------------------------------------------------

    private RouteDecision fromTrunk(String trunkName, Request request) {
        Optional<Trunk> trunk = config.trunk(trunkName);
        if (trunk.isEmpty()) {
            return new RouteDecision.Reject(403, "Forbidden: unknown trunk " + trunkName);
        }
        String callerId = numbering.present(request.calling(), trunk.get().callerId().inbound());
        Optional<Did> did = did(request.dialled()).or(() -> did(request.toUser()));
        Optional<RouteDecision> local = did.flatMap(d -> local(d.target(), callerId));
        if (local.isPresent()) {
            return local.get();
        }
        String dialled = Numbering.digits(request.dialled());
        if (wouldLeaveTheSite(dialled)) {
            return new RouteDecision.Reject(403, "Forbidden: calls from trunk " + trunkName + " to external numbers are refused");
        }
        return new RouteDecision.Reject(404, "Not Found: no DID " + dialled);
    }

    private Optional<RouteDecision> local(String target, String callerId) {
        if (config.extension(target).isPresent()) {
            return Optional.of(new RouteDecision.ToExtension(target, callerId));
        }
        return config.group(target).map(g -> new RouteDecision.ToGroup(g, callerId));
    }

    /** A DID in either form: E.164 as configured, or the national form some providers send. */
    private Optional<Did> did(String number) {
        String e164 = numbering.e164(number);
        return config.dids().stream().filter(d -> numbering.e164(d.number()).equals(e164)).findFirst();
    }

    private boolean wouldLeaveTheSite(String number) {
        DialPlan plan = config.dialPlan();
        return plan.emergencyNumber(number).isPresent()
                || plan.outbound().stream().anyMatch(r -> r.match().matcher(number).matches())
                || number.startsWith("+");
    }
}
