package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PolicyAction.Publish;
import dev.lifeline.gateway.path.PolicyAction.SwitchActive;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Runs the failover policy over simulated links on a fake clock: 50 quality probes/s per path
 * through a {@link ProbeLog}, a window summary each second, an OPTIONS round each second (one
 * retransmission at 500 ms within the 1 s timeout, like a UDP SIP client), a tick every 20 ms.
 * No sockets, no sleeps; seeded random, so every run is the same.
 */
final class Simulation {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Duration STEP = Duration.ofMillis(20);

    record Timed(Duration at, PolicyAction action) {
    }

    private record Pending(Instant at, long order, PolicyInput input, Runnable before) {
    }

    private final FailoverSettings settings;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final long seed;

    Simulation(FailoverSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    Simulation path(String name, Link link) {
        links.put(name, link);
        return this;
    }

    Result run(Duration length) {
        FailoverPolicy policy = new FailoverPolicy(settings);
        List<WanPath> paths = new ArrayList<>();
        Map<String, ProbeLog> logs = new LinkedHashMap<>();
        Map<String, RandomGenerator> randoms = new LinkedHashMap<>();
        int priority = 1;
        for (String name : links.keySet()) {
            paths.add(new WanPath(name, InetAddress.getLoopbackAddress(), Optional.empty(), List.of(), priority++));
            logs.put(name, new ProbeLog(QualityModel.DEFAULT));
            randoms.put(name, new SplittableRandom(seed + priority));
        }
        List<Timed> actions = new ArrayList<>();
        Decision d = policy.start(paths, links.keySet(), T0);
        d.actions().forEach(a -> actions.add(new Timed(Duration.ZERO, a)));
        PolicyState state = d.state();
        PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
                ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
        long order = 0;
        for (Duration t = Duration.ZERO; t.compareTo(length) <= 0; t = t.plus(STEP)) {
            Instant now = T0.plus(t);
            for (String name : links.keySet()) {
                Link link = links.get(name);
                RandomGenerator random = randoms.get(name);
                ProbeLog log = logs.get(name);
                long seq = log.sent(now);
                Optional<Duration> rtt = link.roundTrip(t, random);
                if (rtt.isPresent()) {
                    Instant back = now.plus(rtt.get());
                    queue.add(new Pending(back, order++, new PolicyInput.ProbeHeard(name), () -> log.echoed(seq, back)));
                }
                if (t.toMillis() % 1000 == 0 && t.toMillis() > 0) {
                    Optional<QualitySummary> summary = log.summary(now);
                    if (summary.isPresent()) {
                        queue.add(new Pending(now, order++, new PolicyInput.QualityMeasured(name, summary.get()), () -> { }));
                    }
                    queue.add(options(name, link, random, t, order++));
                }
            }
            while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                Pending p = queue.poll();
                p.before().run();
                state = step(policy, state, p.input(), p.at(), actions);
            }
            state = step(policy, state, new PolicyInput.Tick(), now, actions);
        }
        return new Result(actions, state);
    }

    private Pending options(String name, Link link, RandomGenerator random, Duration t, long order) {
        Duration timeout = settings.probeTimeout();
        for (Duration attempt : List.of(Duration.ZERO, timeout.dividedBy(2))) {
            Optional<Duration> rtt = link.roundTrip(t.plus(attempt), random);
            if (rtt.isPresent() && attempt.plus(rtt.get()).compareTo(timeout) < 0) {
                return new Pending(T0.plus(t).plus(attempt).plus(rtt.get()), order,
                        new PolicyInput.OptionsAnswered(name), () -> { });
            }
        }
        return new Pending(T0.plus(t).plus(timeout), order,
                new PolicyInput.OptionsFailed(name, "timeout after " + FailoverPolicy.human(timeout)), () -> { });
    }

    private static PolicyState step(FailoverPolicy policy, PolicyState state, PolicyInput input, Instant at,
                                    List<Timed> out) {
        Decision d = policy.next(state, input, at);
        Duration offset = Duration.between(T0, at);
        d.actions().forEach(a -> out.add(new Timed(offset, a)));
        return d.state();
    }

    /** What a run did. */
    record Result(List<Timed> actions, PolicyState end) {

        List<Timed> switches() {
            return actions.stream().filter(t -> t.action() instanceof SwitchActive).toList();
        }

        /** Switches after the one made at start. */
        List<Timed> failovers() {
            return switches().stream().skip(1).toList();
        }

        List<Event> events() {
            return actions.stream().filter(t -> t.action() instanceof Publish)
                    .map(t -> ((Publish) t.action()).event()).toList();
        }

        List<Event.PathStateChanged> pathEvents(String path) {
            return events().stream().filter(e -> e instanceof Event.PathStateChanged p && p.path().equals(path))
                    .map(e -> (Event.PathStateChanged) e).toList();
        }

        /** When {@code path} first went to {@code state} at or after {@code after}. */
        Optional<Duration> first(String path, String state, Duration after) {
            return pathEvents(path).stream().filter(e -> e.state().equals(state))
                    .map(e -> Duration.between(T0, e.at()))
                    .filter(at -> at.compareTo(after) >= 0)
                    .findFirst();
        }

        /** The most switches between two paths (failovers and failbacks) in any window of that length. */
        int maxPathSwitchesIn(Duration window) {
            List<Duration> times = switches().stream()
                    .filter(t -> t.action() instanceof SwitchActive s && s.from().isPresent() && s.to().isPresent())
                    .map(Timed::at).toList();
            int max = 0;
            for (int i = 0; i < times.size(); i++) {
                int n = 0;
                for (int j = i; j < times.size() && times.get(j).minus(times.get(i)).compareTo(window) < 0; j++) {
                    n++;
                }
                max = Math.max(max, n);
            }
            return max;
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            events().stream().limit(60).forEach(e -> b.append(Duration.between(T0, e.at())).append(' ').append(e).append('\n'));
            return b.toString();
        }
    }

    static Set<String> names(String... names) {
        return Set.of(names);
    }
}
