package dev.lifeline.gateway.admission;

import dev.lifeline.gateway.edge.TrunkScreen;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.AdmissionControl;
import dev.lifeline.sip.stack.Source;
import dev.lifeline.sip.transaction.Admission;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's {@link AdmissionControl}: per-source rates for requests without credentials
 * (providers exempt; emergency calls from a separate, small allowance so a flood from a
 * phone's address cannot crowd out its 911), then shedding by {@link Priority} under load.
 * Counts what it admitted, refused and dropped per class.
 */
public final class GatewayAdmission implements AdmissionControl {

    /** Emergency INVITEs without credentials one source may send: a phone dials, is challenged, dials again. */
    static final double EMERGENCY_RATE = 5;
    static final int EMERGENCY_BURST = 20;

    public record Counts(long admitted, long refused, long dropped) {
    }

    private volatile AdmissionPolicy policy;
    private volatile RequestClasses classes;
    private volatile SourceRates sources;
    private volatile AdmissionSettings settings;
    private final InstantSource clock;
    private final SourceRates emergencySources;
    private final SplittableRandom random;
    private final Map<Priority, LongAdder[]> counts = new EnumMap<>(Priority.class);
    private volatile TrunkScreen providers = TrunkScreen.none();

    /**
     * Decides by {@code next} from now on (a configuration change). Counts carry on; the per-source
     * rates start afresh only when their rate or burst changed.
     */
    public void readmit(AdmissionSettings next) {
        AdmissionSettings before = settings;
        policy = new AdmissionPolicy(next);
        if (next.sourceRate() != before.sourceRate() || next.sourceBurst() != before.sourceBurst()) {
            sources = new SourceRates(next.sourceRate(), next.sourceBurst(), clock);
        }
        settings = next;
    }

    /** Emergency numbers from now on are {@code next}'s (a dial plan change); counts and rates carry on. */
    public void reclassify(RequestClasses next) {
        this.classes = Objects.requireNonNull(next, "classes");
    }

    public GatewayAdmission(AdmissionSettings settings, RequestClasses classes, InstantSource clock, long seed) {
        this.policy = new AdmissionPolicy(settings);
        this.settings = settings;
        this.clock = clock;
        this.classes = Objects.requireNonNull(classes, "classes");
        this.sources = new SourceRates(settings.sourceRate(), settings.sourceBurst(), clock);
        this.emergencySources = new SourceRates(EMERGENCY_RATE, EMERGENCY_BURST, clock);
        this.random = new SplittableRandom(seed);
        for (Priority p : Priority.values()) {
            counts.put(p, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        }
    }

    /** The providers' addresses, known once the trunks exist (after the stack started). */
    public void trustProviders(TrunkScreen screen) {
        this.providers = Objects.requireNonNull(screen, "screen");
    }

    @Override
    public Admission admit(SipRequest request, Source source, Load load) {
        Priority priority = classes.classify(request);
        Admission verdict = decide(request, source, load, priority);
        int slot = switch (verdict) {
            case Admission.Admit a -> 0;
            case Admission.Refuse r -> 1;
            case Admission.Drop d -> 2;
        };
        counts.get(priority)[slot].increment();
        return verdict;
    }

    private Admission decide(SipRequest request, Source source, Load load, Priority priority) {
        if (!RequestClasses.hasCredentials(request) && providers.trunkFor(source.remote()).isEmpty()) {
            SourceRates rates = priority == Priority.EMERGENCY ? emergencySources : sources;
            if (!rates.take(source.remote().getAddress())) {
                return new Admission.Drop("source " + source.remote().getAddress().getHostAddress()
                        + " over its rate of requests without credentials");
            }
        }
        synchronized (random) {
            return policy.decide(priority, load, random);
        }
    }

    /** Emergency calls go before the requests waiting (a registration storm's REGISTERs). */
    @Override
    public boolean goesFirst(SipRequest request) {
        return classes.classify(request) == Priority.EMERGENCY;
    }

    /** An INVITE whose request line names an emergency number goes ahead in the UDP ingress. */
    @Override
    public boolean goesFirstOnArrival(byte[] datagram, int length) {
        return classes.isEmergencyRequestLine(datagram, length);
    }

    /** What was admitted, refused (503) and dropped, per class. */
    public Map<Priority, Counts> counts() {
        Map<Priority, Counts> out = new EnumMap<>(Priority.class);
        counts.forEach((p, c) -> out.put(p, new Counts(c[0].sum(), c[1].sum(), c[2].sum())));
        return out;
    }

    public AdmissionPolicy policy() {
        return policy;
    }
}
