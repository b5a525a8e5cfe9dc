package dev.lifeline.gateway.dns;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/**
 * DNS for one WAN path: every query leaves from the path's bind address and goes to the path's
 * resolvers, in order; answers are cached per path, because a split-horizon DNS gives each path
 * its own (DESIGN.md, "The in-process lab").
 *
 * <p>Per query: the resolvers are asked one after the other, the whole list up to
 * {@link DnsSettings#attempts()} times. SERVFAIL, REFUSED, any other error RCODE, a timeout
 * ({@link DnsSettings#queryTimeout()}) or a network error moves on to the next resolver.
 * NOERROR with records, NXDOMAIN and NODATA are answers: cached for their TTL (negative answers
 * for the SOA's negative TTL, RFC 2308 §5, capped by {@link DnsSettings#negativeCacheCap()}).
 * When every resolver failed, an expired answer is served stale (RFC 8767) and a
 * {@link Event.DnsProblem} says so; without one the lookup fails with a
 * {@link DnsLookupException} and a DnsProblem. A resolver that failed before another answered
 * is reported too (servedStale false), since a broken first resolver costs a timeout on every
 * cache miss. Failures are not cached. Concurrent lookups of the same name and type share one
 * query. For the stale-answer TTL after every resolver failed (RFC 8767's failure recheck),
 * other expired answers are served stale at once while their query goes out in the background:
 * a NAPTR, SRV, A chain does not wait out the timeouts at each step during a failover.
 *
 * <p>CNAMEs are followed within the answer, as a recursive resolver returns them; a chain the
 * resolver left unfinished counts as NODATA.
 */
public final class PathResolver {

    private final WanPath path;
    private final DnsSettings settings;
    private final InstantSource clock;
    private final Consumer<Event> events;
    private final List<Upstream> upstreams;
    private final DnsCache cache;
    private final Map<DnsCache.Key, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();
    /** When every resolver of the path last failed a lookup, and why; cleared by any answer. */
    private volatile Failing failing;
    /** Until when expired answers are served at once ({@link #expedite}); null when not asked. */
    private volatile Instant urgentUntil;
    private final java.util.Set<DnsCache.Key> refreshing = ConcurrentHashMap.newKeySet();

    private record Failing(Instant at, String why) {
    }

    private record Upstream(InetSocketAddress address, SimpleResolver resolver) {
        String text() {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }

    /**
     * @param path     the WAN path: its bind address is the queries' source, its resolvers the servers
     * @param settings timeouts, attempts and cache limits
     * @param clock    for TTLs and stale limits
     * @param events   receives {@link Event.DnsProblem}; must not block
     * @throws IllegalArgumentException when a resolver is not an IP address (a resolver cannot
     *                                  be found by name: that would need DNS)
     */
    private volatile dev.lifeline.sip.transport.SocketGate gate = dev.lifeline.sip.transport.SocketGate.OPEN;

    public PathResolver(WanPath path, DnsSettings settings, InstantSource clock, Consumer<Event> events) {
        this.path = Objects.requireNonNull(path, "path");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.cache = new DnsCache(settings);
        List<Upstream> list = new ArrayList<>();
        for (HostPort hp : path.resolvers()) {
            list.add(upstream(hp));
        }
        this.upstreams = List.copyOf(list);
    }

    /**
     * Sets the gate asked before each query leaves from the path's address: while it is closed
     * (an injected path cut) a query is lost, and fails after the query timeout as an
     * unanswered one would.
     */
    public void gate(dev.lifeline.sip.transport.SocketGate value) {
        gate = Objects.requireNonNull(value, "gate");
    }

    private CompletionStage<Message> lost() {
        CompletableFuture<Message> never = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(settings.queryTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> never.completeExceptionally(new SocketTimeoutException(
                        "no answer in " + settings.queryTimeout().toMillis() + " ms (path cut by an injected fault)")));
        return never;
    }

    public WanPath path() {
        return path;
    }

    /**
     * Looks up {@code name}'s records of {@code type} on this path: from cache when fresh, else
     * from the path's resolvers, else stale from cache. Fails with {@link DnsLookupException}.
     */
    public CompletionStage<DnsAnswer> lookup(String name, RecordType type) {
        Objects.requireNonNull(type, "type");
        Name qname;
        try {
            qname = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.failedFuture(new DnsLookupException(
                    "cannot look up '" + name + "' on path " + path.name() + ": not a valid DNS name (" + e.getMessage() + ")"));
        }
        DnsCache.Key key = DnsCache.Key.of(qname.toString(), type);
        Instant now = clock.instant();
        Optional<DnsAnswer> cached = cache.fresh(key, now);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Optional<String> hurry = staleFirst(now);
        if (hurry.isPresent()) {
            // An expired answer is served at once instead of after a round of timeouts — a lookup
            // chain (NAPTR, SRV, A) would otherwise wait that long at every step — while the query
            // still goes out, so a resolver that answers again is noticed and its answer cached.
            DnsCache.Stale stale = cache.serveStale(key, now);
            if (stale.answer().isPresent()) {
                problem(key, type, true, hurry.get() + "; serving the cached answer stale without waiting ("
                        + stale.explanation() + ")");
                refresh(key, qname, type);
                return CompletableFuture.completedFuture(stale.answer().get());
            }
        }
        return resolveShared(key, qname, type);
    }

    /**
     * Why expired answers are served before asking, if they are: the path's resolvers failed
     * moments ago (RFC 8767's failure recheck), or the path has just taken over ({@link #expedite}).
     */
    private Optional<String> staleFirst(Instant now) {
        Failing down = failing;
        if (down != null && now.isBefore(down.at().plus(settings.staleAnswerTtl()))) {
            return Optional.of("the resolvers of path " + path.name() + " failed "
                    + DnsCache.human(Duration.between(down.at(), now)) + " ago (" + down.why() + ")");
        }
        Instant urgent = urgentUntil;
        if (urgent != null && now.isBefore(urgent)) {
            // RFC 8767's stale-first, for this moment only: an expired answer now beats a fresh one
            // after a dead resolver's timeouts.
            return Optional.of("path " + path.name() + " has just taken over");
        }
        return Optional.empty();
    }

    /**
     * For the next {@code window}, a lookup whose cached answer has expired gets it at once (served
     * stale, within max-stale) while its query goes out in the background, instead of waiting for
     * the resolvers. For a failover: the trunk moves to this path now rather than after a dead or
     * slow resolver's timeouts. Answers that are fresh, and names never cached, are unaffected.
     */
    public void expedite(Duration window) {
        urgentUntil = clock.instant().plus(window);
    }

    /**
     * Asks the resolvers in the background while a stale answer is served: an answer is cached
     * and ends the failing state; a failure only renews it (the stale answer in hand was already
     * reported, and its hold in the cache is left as it is). At most one per name and type.
     */
    private void refresh(DnsCache.Key key, Name qname, RecordType type) {
        if (!refreshing.add(key)) {
            return;
        }
        Message query = Message.newQuery(Record.newRecord(qname, type.code(), DClass.IN));
        List<String> failures = new ArrayList<>();
        ask(query, key, type, 0, failures).whenComplete((answer, error) -> {
            refreshing.remove(key);
            if (error == null && answer.isPresent()) {
                cache.store(key, answer.get(), clock.instant());
                failing = null;
            } else {
                failing = new Failing(clock.instant(), error != null ? String.valueOf(unwrap(error).getMessage())
                        : summary(failures));
            }
        });
    }

    /** One query per name and type at a time: a lookup made while one runs shares its result. */
    private CompletionStage<DnsAnswer> resolveShared(DnsCache.Key key, Name qname, RecordType type) {
        CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
        CompletableFuture<DnsAnswer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        resolve(key, qname, type).whenComplete((answer, error) -> {
            // Out of the in-flight map before anyone sees the result, so that a lookup made
            // right after this one completes asks (or reads the cache) anew.
            inFlight.remove(key, mine);
            if (error != null) {
                mine.completeExceptionally(unwrap(error));
            } else {
                mine.complete(answer);
            }
        });
        return mine.copy();
    }

    /**
     * The addresses of {@code name} this path can reach: A records when the path binds an IPv4
     * address; AAAA when it binds IPv6 (then A too when it binds the IPv6 wildcard, which is
     * usually dual-stack). Empty when the name has none (NXDOMAIN or NODATA).
     */
    public CompletionStage<List<InetAddress>> addresses(String name) {
        if (!(path.bind() instanceof Inet6Address)) {
            return lookup(name, RecordType.A).thenApply(DnsAnswer::addresses);
        }
        CompletionStage<List<InetAddress>> v6 = lookup(name, RecordType.AAAA).thenApply(DnsAnswer::addresses);
        if (!path.bind().isAnyLocalAddress()) {
            return v6;
        }
        CompletionStage<List<InetAddress>> v4 = lookup(name, RecordType.A).thenApply(DnsAnswer::addresses);
        return v6.thenCombine(v4, (a, b) -> {
            List<InetAddress> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        });
    }

    private CompletionStage<DnsAnswer> resolve(DnsCache.Key key, Name qname, RecordType type) {
        if (upstreams.isEmpty()) {
            return giveUp(key, type, List.of("path " + path.name() + " has no resolvers configured"));
        }
        Message query = Message.newQuery(Record.newRecord(qname, type.code(), DClass.IN));
        List<String> failures = new ArrayList<>();
        return ask(query, key, type, 0, failures).thenCompose(answer -> {
            if (answer.isPresent()) {
                if (!failures.isEmpty()) {
                    problem(key, type, false, summary(failures) + " (answered by another resolver)");
                }
                cache.store(key, answer.get(), clock.instant());
                failing = null;
                return CompletableFuture.completedFuture(answer.get());
            }
            return giveUp(key, type, failures);
        });
    }

    /** Asks upstream number {@code index} (counting across attempts); empty when all failed. */
    private CompletionStage<Optional<DnsAnswer>> ask(Message query, DnsCache.Key key, RecordType type, int index,
                                                     List<String> failures) {
        if (index >= upstreams.size() * settings.attempts()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Upstream up = upstreams.get(index % upstreams.size());
        CompletionStage<Message> sent;
        try {
            sent = gate.passes(new InetSocketAddress(path.bind(), 0)) ? up.resolver().sendAsync(query.clone())
                    : lost();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                failures.add(describe(unwrap(error), up));
                return Optional.<DnsAnswer>empty();
            }
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                failures.add(Rcode.string(rcode) + " from " + up.text());
                return Optional.<DnsAnswer>empty();
            }
            return Optional.of(answerFrom(response, key, type, clock.instant(), settings.negativeCacheCap().toSeconds()));
        }).thenCompose(answer -> answer.isPresent()
                ? CompletableFuture.completedFuture(answer)
                : ask(query, key, type, index + 1, failures));
    }

    private CompletionStage<DnsAnswer> giveUp(DnsCache.Key key, RecordType type, List<String> failures) {
        DnsCache.Stale stale = cache.serveStale(key, clock.instant());
        String what = summary(failures);
        if (!upstreams.isEmpty()) {
            failing = new Failing(clock.instant(), what);
        }
        if (stale.answer().isPresent()) {
            problem(key, type, true, what + "; serving the cached answer stale (" + stale.explanation() + ")");
            return CompletableFuture.completedFuture(stale.answer().get());
        }
        problem(key, type, false, what + "; " + stale.explanation());
        return CompletableFuture.failedFuture(new DnsLookupException("DNS lookup of " + key.name() + " " + type
                + " on path " + path.name() + " failed: " + what + "; " + stale.explanation()
                + ". Check that the resolvers of path " + path.name() + " are reachable from " + path.bind().getHostAddress()
                + " and answer for this name."));
    }

    static DnsAnswer answerFrom(Message response, DnsCache.Key key, RecordType type, Instant now, long negativeCapSeconds) {
        List<Record> answers = response.getSection(Section.ANSWER);
        // Follow CNAMEs inside the answer section (bounded: a loop must not spin).
        Name current = response.getQuestion().getName();
        long ttl = Long.MAX_VALUE;
        for (int hop = 0; hop < 16; hop++) {
            Name at = current;
            Optional<CNAMERecord> cname = answers.stream().filter(CNAMERecord.class::isInstance)
                    .map(CNAMERecord.class::cast).filter(c -> c.getName().equals(at)).findFirst();
            boolean hasData = answers.stream().anyMatch(r -> r.getType() == type.code() && r.getName().equals(at));
            if (hasData || cname.isEmpty()) {
                break;
            }
            ttl = Math.min(ttl, cname.get().getTTL());
            current = cname.get().getTarget();
        }
        Name owner = current;
        List<Record> data = answers.stream().filter(r -> r.getType() == type.code() && r.getName().equals(owner)).toList();
        if (!data.isEmpty() && response.getRcode() == Rcode.NOERROR) {
            for (Record r : data) {
                ttl = Math.min(ttl, r.getTTL());
            }
            return new DnsAnswer(key.name(), type, DnsAnswer.Kind.RECORDS, data, now.plusSeconds(ttl), false);
        }
        // RFC 2308 §5: the negative TTL is the smaller of the SOA's TTL and its MINIMUM field;
        // without an SOA the answer is not cached.
        long negativeTtl = response.getSection(Section.AUTHORITY).stream().filter(SOARecord.class::isInstance)
                .map(SOARecord.class::cast).mapToLong(s -> Math.min(s.getTTL(), s.getMinimum())).min().orElse(0);
        negativeTtl = Math.min(negativeTtl, negativeCapSeconds);
        DnsAnswer.Kind kind = response.getRcode() == Rcode.NXDOMAIN ? DnsAnswer.Kind.NXDOMAIN : DnsAnswer.Kind.NODATA;
        return new DnsAnswer(key.name(), type, kind, List.of(), now.plusSeconds(negativeTtl), false);
    }

    private void problem(DnsCache.Key key, RecordType type, boolean servedStale, String reason) {
        events.accept(new Event.DnsProblem(clock.instant(), path.name(), key.name(), type.name(), servedStale, reason));
    }

    private String describe(Throwable error, Upstream up) {
        if (error instanceof SocketTimeoutException) {
            return "timeout after " + DnsCache.human(settings.queryTimeout()) + " from " + up.text();
        }
        if (error instanceof IOException) {
            String m = error.getMessage();
            return "network error from " + up.text() + ": " + error.getClass().getSimpleName() + (m == null ? "" : " " + m);
        }
        return "error asking " + up.text() + ": " + error;
    }

    /** "SERVFAIL from 127.0.0.21:53 (x2); timeout after 1 s from 127.0.0.22:53 (x2)". */
    private static String summary(List<String> failures) {
        Map<String, Long> counted = failures.stream()
                .collect(Collectors.groupingBy(f -> f, LinkedHashMap::new, Collectors.counting()));
        return counted.entrySet().stream().map(e -> e.getValue() > 1 ? e.getKey() + " (x" + e.getValue() + ")" : e.getKey())
                .collect(Collectors.joining("; "));
    }

    private Upstream upstream(HostPort hp) {
        if (!hp.isIpLiteral()) {
            throw new IllegalArgumentException("resolver " + hp + " of path " + path.name()
                    + " is a name; a resolver must be an IP address, e.g. 192.0.2.53 or 192.0.2.53:53");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port().orElse(SimpleResolver.DEFAULT_PORT));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("resolver " + hp + " of path " + path.name() + " is not an IP address", e);
        }
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setLocalAddress(new InetSocketAddress(path.bind(), 0));
        // interface: the queries leave by the path's device too, not only from its address.
        path.networkInterface().ifPresent(device -> resolver.setIoClientFactory(new PinnedDnsIo(device)));
        resolver.setTimeout(settings.queryTimeout());
        return new Upstream(address, resolver);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
