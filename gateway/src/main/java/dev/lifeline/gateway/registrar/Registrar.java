package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.Event.BindingRemoved;
import dev.lifeline.gateway.events.Event.BindingSaved;
import dev.lifeline.gateway.events.Event.RegistrationRejected;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.InvalidHeaderException;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.uri.InvalidUriException;
import dev.lifeline.sip.uri.SipUri;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The SIP rules of a registrar (RFC 3261 §10.3) as a pure function of the request, its source,
 * the authenticated user, the current bindings and the time. Thread-safe.
 */
public final class Registrar {

    /** Option tags a REGISTER may Require of us (§10.3 step 2). */
    private static final Set<String> SUPPORTED = Set.of("outbound");

    private final RegistrarSettings settings;
    private final Responses responses;

    /** @param random spreads granted expiries within the band and makes To tags */
    public Registrar(RegistrarSettings settings, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.responses = new Responses(Objects.requireNonNull(random, "random"));
    }

    public RegistrarSettings settings() {
        return settings;
    }

    /** Decides what to answer and what to change. Never throws on a bad request: that is a 400. */
    public RegistrarDecision handle(RegisterContext ctx, Instant now) {
        try {
            return decide(ctx, now);
        } catch (InvalidHeaderException | InvalidUriException e) {
            return reject(ctx, now, 400, "Bad Request", e.getMessage());
        }
    }

    private RegistrarDecision decide(RegisterContext ctx, Instant now) {
        SipRequest request = ctx.request();
        Optional<String> claimed = aorUser(request.to());
        if (claimed.isEmpty()) {
            return reject(ctx, now, 404, "Not Found", "To " + request.to().uri() + " is not a SIP address of record");
        }
        if (!claimed.get().equals(ctx.user())) {
            // §10.3 step 3 lets a registrar refuse third-party registration; a phone may only bind its own number.
            return reject(ctx, now, 403, "Forbidden", "To user " + claimed.get() + " is not the authenticated user");
        }
        List<String> unsupported = request.require().stream().filter(t -> !SUPPORTED.contains(t)).toList();
        if (!unsupported.isEmpty()) {
            SipResponse r = responses.builder(request, 420, "Bad Extension")
                    .header("Unsupported", String.join(", ", unsupported)).build();
            return rejected(ctx, now, r, "unsupported extension " + unsupported);
        }
        List<Contact> contacts = request.contacts();
        if (contacts.isEmpty()) {
            return ok(ctx, ctx.bindings(), List.of(), List.of(), now); // a query (§10.2.3)
        }
        return contacts.get(0).wildcard() ? removeAll(ctx, now) : update(ctx, contacts, now);
    }

    /** §10.3 step 6: "Contact: *" removes every binding, and only with Expires: 0. */
    private RegistrarDecision removeAll(RegisterContext ctx, Instant now) {
        SipRequest request = ctx.request();
        if (request.expires().isEmpty() || request.expires().getAsInt() != 0) {
            return reject(ctx, now, 400, "Bad Request", "Contact: * without Expires: 0");
        }
        List<BindingChange> changes = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Binding b : ctx.bindings()) {
            if (outOfOrder(b, request)) {
                return outOfOrder(ctx, now, b);
            }
            changes.add(new BindingChange.Remove(b.aor(), b.key()));
            events.add(new BindingRemoved(now, b.aor(), b.contact().toString(), "wildcard"));
        }
        return ok(ctx, List.of(), changes, events, now);
    }

    /** §10.3 steps 6–7 for each contact; any failure fails the whole request. */
    private RegistrarDecision update(RegisterContext ctx, List<Contact> contacts, Instant now) {
        SipRequest request = ctx.request();
        List<RequestedContact> asked = contacts.stream()
                .map(c -> RequestedContact.of(c, request, settings.defaultExpires())).toList();
        long min = settings.minExpires().toSeconds();
        if (asked.stream().anyMatch(a -> a.expires() > 0 && a.expires() < min)) {
            SipResponse r = responses.builder(request, 423, "Interval Too Brief")
                    .header(HeaderNames.MIN_EXPIRES, Long.toString(min)).build();
            return rejected(ctx, now, r, "expires below the minimum of " + min + " s");
        }
        Map<String, Binding> current = new LinkedHashMap<>();
        ctx.bindings().forEach(b -> current.put(b.key(), b));
        List<BindingChange> changes = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (RequestedContact a : asked) {
            Optional<Binding> existing = ctx.bindings().stream().filter(a::matches).findFirst();
            if (existing.isPresent() && outOfOrder(existing.get(), request)) {
                return outOfOrder(ctx, now, existing.get());
            }
            String key = existing.map(Binding::key).orElseGet(a::key);
            if (a.expires() == 0) {
                remove(current, key, changes, events, now);
                written.remove(key);
            } else {
                Binding b = binding(ctx, a, key, now);
                changes.add(new BindingChange.Upsert(b));
                events.add(saved(b, existing.isPresent(), now));
                current.put(key, b);
                written.remove(key);
                written.add(key);
            }
        }
        keepWithinLimit(ctx, current, written, changes, events, now);
        return ok(ctx, current.values(), changes, events, now);
    }

    /**
     * At most {@code maxContacts} live bindings per AOR: one inbound call forks to every binding,
     * so 2,000 contacts were 2,000 INVITEs. RFC 3261 sets no limit; refusing the newest contact
     * would lock a phone out after a few reboots with fresh ports (the old bindings live until
     * they expire), so the newest wins and the least recently refreshed go, each reported. A
     * refresh makes its binding the newest, so it is never what a refresh loses; only a request
     * that itself writes more than the limit loses its own first contacts.
     */
    private void keepWithinLimit(RegisterContext ctx, Map<String, Binding> current, List<String> written,
                                 List<BindingChange> changes, List<Event> events, Instant now) {
        List<Binding> live = current.values().stream().filter(b -> !b.isExpired(now)).toList();
        int excess = live.size() - settings.maxContacts();
        if (excess <= 0) {
            return;
        }
        List<Binding> oldestFirst = new ArrayList<>(live.stream().filter(b -> !written.contains(b.key()))
                .sorted(Comparator.comparing(Binding::updatedAt)).toList());
        written.forEach(key -> oldestFirst.add(current.get(key)));
        for (Binding gone : oldestFirst.subList(0, excess)) {
            current.remove(gone.key());
            boolean stored = ctx.bindings().stream().anyMatch(b -> b.key().equals(gone.key()));
            changes.removeIf(c -> c instanceof BindingChange.Upsert u && u.binding().key().equals(gone.key()));
            events.removeIf(e -> e instanceof BindingSaved saved && saved.contact().equals(gone.contact().toString()));
            if (stored) {
                changes.add(new BindingChange.Remove(gone.aor(), gone.key()));
            }
            events.add(new BindingRemoved(now, gone.aor(), gone.contact().toString(),
                    "contact limit " + settings.maxContacts() + " reached"));
        }
    }

    private static void remove(Map<String, Binding> current, String key, List<BindingChange> changes,
                               List<Event> events, Instant now) {
        Binding gone = current.remove(key);
        if (gone != null) {
            changes.add(new BindingChange.Remove(gone.aor(), key));
            events.add(new BindingRemoved(now, gone.aor(), gone.contact().toString(), "expires=0"));
        }
    }

    private Binding binding(RegisterContext ctx, RequestedContact a, String key, Instant now) {
        SipRequest request = ctx.request();
        return new Binding(ctx.user(), key, a.uri(), a.q(), now.plusSeconds(grant(a.expires())), request.callId(),
                request.cseq().number(), ctx.source(), a.instance(), a.regId(), request.userAgent().orElse(""), now);
    }

    /** Capped at the maximum, then spread within the band, never below the minimum. */
    long grant(long asked) {
        long capped = Math.min(asked, settings.maxExpires().toSeconds());
        long spread = (long) Math.floor(capped * responses.fraction(settings.expiryBandLow(), settings.expiryBandHigh()));
        return Math.max(spread, settings.minExpires().toSeconds());
    }

    private static BindingSaved saved(Binding b, boolean refresh, Instant now) {
        return new BindingSaved(now, b.aor(), b.contact().toString(), b.expiresAt(), b.flow().transport(),
                b.flow().remote(), refresh);
    }

    /** §10.3 step 7: the same Call-ID must come with a higher CSeq, or it is an old or repeated request. */
    private static boolean outOfOrder(Binding b, SipRequest request) {
        return b.callId().equals(request.callId()) && request.cseq().number() <= b.cseq();
    }

    private RegistrarDecision outOfOrder(RegisterContext ctx, Instant now, Binding b) {
        return reject(ctx, now, 500, "Server Internal Error", "CSeq " + ctx.request().cseq().number()
                + " is not above " + b.cseq() + " stored for Call-ID " + b.callId());
    }

    private RegistrarDecision ok(RegisterContext ctx, Collection<Binding> bindings, List<BindingChange> changes,
                                 List<Event> events, Instant now) {
        SipResponse.Builder b = responses.builder(ctx.request(), 200, "OK");
        bindings.stream().filter(x -> !x.isExpired(now)).sorted(Binding.PREFERENCE)
                .forEach(x -> b.contact(Contact.of(listed(x, now))));
        if (usesOutbound(ctx.request(), changes)) {
            // RFC 5626 §6: confirm outbound; §4.4.1: tell the phone how often to keep its flow alive.
            b.header(HeaderNames.REQUIRE, "outbound").header("Flow-Timer", Long.toString(settings.natKeepalive().toSeconds()));
        }
        return new RegistrarDecision(Responses.dated(b, now).build(), changes, events);
    }

    private static NameAddress listed(Binding b, Instant now) {
        NameAddress a = NameAddress.of(b.contact()).withParam("expires", Long.toString(b.remainingSeconds(now)));
        if (b.q().isPresent()) {
            a = a.withParam("q", BigDecimal.valueOf(b.q().getAsDouble()).stripTrailingZeros().toPlainString());
        }
        if (b.instance().isPresent()) {
            a = a.withParam("+sip.instance", b.instance().get());
        }
        if (b.regId().isPresent()) {
            a = a.withParam("reg-id", Integer.toString(b.regId().getAsInt()));
        }
        return a;
    }

    private static boolean usesOutbound(SipRequest request, List<BindingChange> changes) {
        return request.supported().contains("outbound") && changes.stream()
                .anyMatch(c -> c instanceof BindingChange.Upsert u && u.binding().regId().isPresent());
    }

    private RegistrarDecision reject(RegisterContext ctx, Instant now, int status, String reason, String why) {
        return rejected(ctx, now, responses.plain(ctx.request(), status, reason), why);
    }

    private static RegistrarDecision rejected(RegisterContext ctx, Instant now, SipResponse response, String why) {
        Event e = new RegistrationRejected(now, ctx.user(), ctx.source().transport(), ctx.source().remote(),
                response.status(), why);
        return RegistrarDecision.respond(response, List.of(e));
    }

    private static Optional<String> aorUser(NameAddress to) {
        return to.uri() instanceof SipUri s && s.user() != null && !s.user().isEmpty()
                ? Optional.of(s.user()) : Optional.empty();
    }
}
