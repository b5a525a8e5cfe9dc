package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.Mark;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a drill does to the lab at a step of its timeline. Values only: the runner maps each
 * to the lab part that carries it out. Every record validates its fields and says what it expected.
 *
 * <p>Names: {@code path} is a WAN path of the site configuration ({@code wan1}, {@code wan2});
 * {@code target} a provider target of the lab ({@code sip1}, {@code sip2}).
 */
public sealed interface Action {

    /** The word scenario files use for this action, e.g. "blackhole", "placeCalls". */
    String kind();

    /** One line for progress output and reports, e.g. "blackhole wan1". */
    String describe();

    /**
     * How long the action keeps going after its step starts: calls being held, a wait. The
     * scenario lasts until every step's span has passed. Zero for instant changes.
     */
    default Duration span() {
        return Duration.ZERO;
    }

    /**
     * True for an action that breaks something (times such as {@code detection_s} run from the
     * latest fault); false for restoring, traffic, waits and marks.
     */
    default boolean isFault() {
        return false;
    }

    // ---------------------------------------------------------------- WAN

    /** The path's link goes down (every packet dropped both ways, TCP too) or comes back up. */
    record Blackhole(String path, boolean down) implements Action {
        public Blackhole {
            Checks.name("path", path);
        }

        @Override
        public String kind() {
            return "blackhole";
        }

        @Override
        public String describe() {
            return down ? "blackhole " + path : "unblackhole " + path;
        }

        @Override
        public boolean isFault() {
            return down;
        }
    }

    /**
     * The path's link degrades. Replaces any earlier impairment of the same directions (a step
     * sets the whole state, it does not add to it); {@link Restore} clears it.
     *
     * @param direction   which way: up (site → provider), down (provider → site) or both
     * @param delay       one-way delay added to every packet
     * @param jitter      the delay varies within {@code delay ± jitter}
     * @param lossPercent independent random loss, 0..100 %
     * @param burst       bursty loss on top of it, {@link BurstLoss#NONE} for none
     * @param rateKbps    bottleneck rate in kbit/s with a router-sized queue; 0 = unlimited
     */
    record Impair(String path, Direction direction, Duration delay, Duration jitter, double lossPercent,
                  BurstLoss burst, long rateKbps) implements Action {

        /** Which way the impairment applies. */
        public enum Direction implements Spelled {
            UP, DOWN, BOTH;

            @Override
            public String spelling() {
                return Spelled.lower(this);
            }
        }

        public Impair {
            Checks.name("path", path);
            Objects.requireNonNull(direction, "direction");
            Checks.notNegative("delay", delay);
            Checks.notNegative("jitter", jitter);
            Checks.within("lossPercent", lossPercent, 0, 100);
            Objects.requireNonNull(burst, "burst (BurstLoss.NONE for none)");
            if (rateKbps < 0) {
                throw new IllegalArgumentException("rateKbps must be 0 (unlimited) or more, got " + rateKbps);
            }
            if (delay.isZero() && jitter.isZero() && lossPercent == 0 && !burst.active() && rateKbps == 0) {
                throw new IllegalArgumentException("impair on " + path
                        + " changes nothing; give delay, jitter, lossPercent, burst or rateKbps (or use restore)");
            }
        }

        /** Random loss only, both directions. */
        public static Impair loss(String path, double lossPercent) {
            return new Impair(path, Direction.BOTH, Duration.ZERO, Duration.ZERO, lossPercent, BurstLoss.NONE, 0);
        }

        @Override
        public String kind() {
            return "impair";
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("impair ").append(path);
            if (direction != Direction.BOTH) {
                sb.append(' ').append(direction.spelling());
            }
            if (!delay.isZero() || !jitter.isZero()) {
                sb.append(" delay ").append(Checks.format(delay));
                if (!jitter.isZero()) {
                    sb.append(" ±").append(Checks.format(jitter));
                }
            }
            if (lossPercent > 0) {
                sb.append(" loss ").append(Checks.plain(lossPercent)).append('%');
            }
            if (burst.active()) {
                sb.append(String.format(Locale.ROOT, " bursts of %.3g packets (%.3g%%)", burst.meanLength(),
                        burst.lossPercent()));
            }
            if (rateKbps > 0) {
                sb.append(" rate ").append(rateKbps).append("kbit/s");
            }
            return sb.toString();
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /** The path is clean again: no blackhole, no impairment, SIP no longer blocked. */
    record Restore(String path) implements Action {
        public Restore {
            Checks.name("path", path);
        }

        @Override
        public String kind() {
            return "restore";
        }

        @Override
        public String describe() {
            return "restore " + path;
        }
    }

    /** The path's NAT forgets every mapping, as an idle timeout would; the next packet out gets a new one. */
    record NatForget(String path) implements Action {
        public NatForget {
            Checks.name("path", path);
        }

        @Override
        public String kind() {
            return "natForget";
        }

        @Override
        public String describe() {
            return "NAT on " + path + " forgets its mappings";
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /** The path's NAT moves the existing mappings to new public ports (a router reboot, a CGNAT change). */
    record NatPortChange(String path) implements Action {
        public NatPortChange {
            Checks.name("path", path);
        }

        @Override
        public String kind() {
            return "natPortChange";
        }

        @Override
        public String describe() {
            return "NAT on " + path + " changes its public ports";
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /** A firewall on the path drops SIP signalling (every SIP port); RTP and probes still pass. */
    record BlockSip(String path) implements Action {
        public BlockSip {
            Checks.name("path", path);
        }

        @Override
        public String kind() {
            return "blockSip";
        }

        @Override
        public String describe() {
            return "block SIP on " + path;
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    // ---------------------------------------------------------------- DNS

    /** What the path's resolvers do with queries; {@code none} puts them back to answering. */
    record DnsFault(String path, Mode mode) implements Action {

        /** A resolver's behaviour. */
        public enum Mode implements Spelled {
            /** Answers normally. */
            NONE,
            /** Answers nothing: the client times out. */
            SILENT,
            /** Answers SERVFAIL (rcode 2). */
            SERVFAIL,
            /** Answers REFUSED (rcode 5). */
            REFUSED;

            @Override
            public String spelling() {
                return Spelled.lower(this);
            }
        }

        public DnsFault {
            Checks.name("path", path);
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public String kind() {
            return "dnsFault";
        }

        @Override
        public String describe() {
            return mode == Mode.NONE ? "resolvers of " + path + " answer again"
                    : "resolvers of " + path + " " + switch (mode) {
                        case SILENT -> "stop answering";
                        case SERVFAIL -> "answer SERVFAIL";
                        default -> "answer REFUSED";
                    };
        }

        @Override
        public boolean isFault() {
            return mode != Mode.NONE;
        }
    }

    /**
     * The path's view of the provider zone loses a record set (wrong or missing records).
     *
     * @param recordName relative to the provider's zone (e.g. {@code _sip._udp}, {@code sip1}),
     *                   {@code @} for the zone itself
     */
    record DnsRemove(String path, String recordName, RecordType type) implements Action {

        /** The record types the lab zone serves. */
        public enum RecordType implements Spelled {
            NAPTR, SRV, A, AAAA;

            @Override
            public String spelling() {
                return name();
            }
        }

        public DnsRemove {
            Checks.name("path", path);
            if (recordName == null || !recordName.matches("@|[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})")) {
                throw new IllegalArgumentException("record " + Checks.quote(recordName)
                        + " is not a record name; expected a name relative to the provider zone, e.g. _sip._udp or sip1, or @");
            }
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String kind() {
            return "dnsRemove";
        }

        @Override
        public String describe() {
            return "remove " + type.spelling() + " " + recordName + " from the DNS view of " + path;
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    // ---------------------------------------------------------------- provider

    /** What one provider target does; {@code healthy} restores it. */
    record ProviderFault(String target, Mode mode) implements Action {

        /** A target's behaviour. */
        public enum Mode implements Spelled {
            /** Answers normally. */
            HEALTHY("healthy"),
            /** Drops every SIP message without answering (its reflector still echoes). */
            SILENT("silent"),
            /** Answers every request 503 Service Unavailable with Retry-After. */
            SERVICE_UNAVAILABLE("503"),
            /** Answers every request 408 Request Timeout. */
            REQUEST_TIMEOUT("408"),
            /** Gone: SIP, reflector and its calls' media stop. */
            DROPPED("dropped");

            private final String spelling;

            Mode(String spelling) {
                this.spelling = spelling;
            }

            @Override
            public String spelling() {
                return spelling;
            }
        }

        public ProviderFault {
            Checks.name("target", target);
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public String kind() {
            return "providerFault";
        }

        @Override
        public String describe() {
            return "provider target " + target + " " + switch (mode) {
                case HEALTHY -> "healthy again";
                case SILENT -> "stops answering";
                case SERVICE_UNAVAILABLE -> "answers 503";
                case REQUEST_TIMEOUT -> "answers 408";
                case DROPPED -> "dropped";
            };
        }

        @Override
        public boolean isFault() {
            return mode != Mode.HEALTHY;
        }
    }

    /** The TLS certificate one provider target presents (a TLS trunk is needed to notice). */
    record ProviderCertificate(String target, State state) implements Action {

        /** Which certificate. */
        public enum State implements Spelled {
            /** Past its notAfter date. */
            EXPIRED,
            /** A current one, chained to the lab CA. */
            VALID;

            @Override
            public String spelling() {
                return Spelled.lower(this);
            }
        }

        public ProviderCertificate {
            Checks.name("target", target);
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String kind() {
            return "providerCertificate";
        }

        @Override
        public String describe() {
            return "provider target " + target + " presents " + (state == State.EXPIRED ? "an expired" : "a valid")
                    + " certificate";
        }

        @Override
        public boolean isFault() {
            return state == State.EXPIRED;
        }
    }

    // ---------------------------------------------------------------- gateway

    /** The gateway process stops and starts again on the same storage (a power cut, an update). */
    record RestartGateway() implements Action {
        @Override
        public String kind() {
            return "restartGateway";
        }

        @Override
        public String describe() {
            return "restart the gateway";
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    // ---------------------------------------------------------------- LAN

    /**
     * The LAN between phones and the gateway degrades (a bad switch port, Wi-Fi): RTP between
     * the phone and the gateway is lost or delayed, the WAN untouched. Replaces any earlier LAN
     * impairment of those phones and directions; zero loss and jitter make it clean again.
     *
     * @param extension   the phone whose LAN this is, or {@value #ALL} for every lab phone
     * @param direction   up (phone → gateway), down (gateway → phone) or both
     * @param lossPercent independent random loss, 0..100 %
     * @param jitter      each packet is delayed by up to this much (order kept, as on a switch port)
     */
    record ImpairLan(String extension, Impair.Direction direction, double lossPercent, Duration jitter)
            implements Action {

        /** Every lab phone. */
        public static final String ALL = "all";

        public ImpairLan {
            if (!ALL.equals(extension)) {
                Checks.extension("extension", extension);
            }
            Objects.requireNonNull(direction, "direction");
            Checks.within("lossPercent", lossPercent, 0, 100);
            Checks.notNegative("jitter", jitter);
        }

        /** True when this step leaves the LAN clean. */
        public boolean clean() {
            return lossPercent == 0 && jitter.isZero();
        }

        @Override
        public String kind() {
            return "impairLan";
        }

        @Override
        public String describe() {
            String who = ALL.equals(extension) ? "every phone" : "phone " + extension;
            if (clean()) {
                return "LAN of " + who + " clean again";
            }
            StringBuilder sb = new StringBuilder("impair the LAN of ").append(who);
            if (direction != Impair.Direction.BOTH) {
                sb.append(direction == Impair.Direction.UP ? " toward the gateway" : " toward the phone");
            }
            if (lossPercent > 0) {
                sb.append(" loss ").append(Checks.plain(lossPercent)).append('%');
            }
            if (!jitter.isZero()) {
                sb.append(" jitter ").append(Checks.format(jitter));
            }
            return sb.toString();
        }

        @Override
        public boolean isFault() {
            return !clean();
        }
    }

    // ---------------------------------------------------------------- calls and phones

    /**
     * Phones place calls, each held for {@code duration} and then hung up. At most
     * {@code concurrency} are up at once; the next starts when one ends.
     *
     * @param from the extensions that call, in turn; empty for any registered phone ({@code any} in files)
     * @param to   the number dialled: an extension, a group, an external number (E.164 or dial-plan digits)
     */
    record PlaceCalls(List<String> from, String to, int count, Duration duration, int concurrency)
            implements Action {

        public PlaceCalls {
            from = Checks.list("from", from);
            from.forEach(f -> Checks.extension("from", f));
            Checks.dialled("to", to);
            Checks.atLeast("count", count, 1);
            Checks.positive("duration", duration);
            Checks.atLeast("concurrency", concurrency, 1);
            if (concurrency > count) {
                throw new IllegalArgumentException("concurrency " + concurrency + " is more than count " + count
                        + "; expected at most as many calls at once as there are calls");
            }
        }

        /** {@code count} calls at once from any phone. */
        public static PlaceCalls fromAny(String to, int count, Duration duration) {
            return new PlaceCalls(List.of(), to, count, duration, count);
        }

        /** True when any registered phone may call. */
        public boolean fromAnyPhone() {
            return from.isEmpty();
        }

        @Override
        public String kind() {
            return "placeCalls";
        }

        @Override
        public String describe() {
            return count + (count == 1 ? " call" : " calls") + " from " + (from.isEmpty() ? "any phone"
                    : String.join(",", from)) + " to " + to + " for " + Checks.format(duration)
                    + (concurrency < count ? ", " + concurrency + " at a time" : "");
        }

        @Override
        public Duration span() {
            int rounds = (count + concurrency - 1) / concurrency;
            return duration.multipliedBy(rounds);
        }
    }

    /**
     * The phone of {@code extension} puts the calls it has up on hold (a re-INVITE offering
     * a=sendonly, RFC 3264 §8.4: the far end answers recvonly and stops sending) and resumes
     * them {@code duration} later (a=sendrecv). A held call is quiet on purpose: no reason to fail over.
     */
    record Hold(String extension, Duration duration) implements Action {
        public Hold {
            Checks.extension("extension", extension);
            Checks.positive("duration", duration);
        }

        @Override
        public String kind() {
            return "hold";
        }

        @Override
        public String describe() {
            return extension + " holds its calls for " + Checks.format(duration);
        }

        @Override
        public Duration span() {
            return duration;
        }
    }

    /**
     * The provider calls one of the site's DIDs, one call after another, each held for {@code duration}.
     *
     * @param callerIdFormat how the provider presents the calling number
     */
    record InboundCalls(String did, CallerIdFormat callerIdFormat, int count, Duration duration)
            implements Action {

        /** The calling number's form in the provider's INVITE. */
        public enum CallerIdFormat implements Spelled {
            /** +, country code, number ({@code user=phone}). */
            E164,
            /** The site country's national form. */
            NATIONAL,
            /** Withheld (RFC 3323 anonymous). */
            ANONYMOUS;

            @Override
            public String spelling() {
                return Spelled.lower(this);
            }
        }

        public InboundCalls {
            Checks.e164("did", did);
            Objects.requireNonNull(callerIdFormat, "callerIdFormat");
            Checks.atLeast("count", count, 1);
            Checks.positive("duration", duration);
        }

        @Override
        public String kind() {
            return "inboundCalls";
        }

        @Override
        public String describe() {
            return count + (count == 1 ? " inbound call" : " inbound calls") + " to " + did + " (caller ID "
                    + callerIdFormat.spelling() + ") for " + Checks.format(duration);
        }

        @Override
        public Duration span() {
            return duration.multipliedBy(count);
        }
    }

    /** Every simulated phone registers again at once, as after a power cut (a reboot storm). */
    record RegisterAll() implements Action {
        @Override
        public String kind() {
            return "registerAll";
        }

        @Override
        public String describe() {
            return "every phone registers again at once";
        }
    }

    /** A phone dials an emergency number; the runner releases the call once it is answered. */
    record EmergencyCall(String from, String number) implements Action {
        public EmergencyCall {
            Checks.extension("from", from);
            Checks.dialled("number", number);
        }

        @Override
        public String kind() {
            return "emergencyCall";
        }

        @Override
        public String describe() {
            return "emergency call from " + from + " to " + number;
        }
    }

    // ---------------------------------------------------------------- pacing

    /** Nothing happens for {@code duration}: the lab keeps measuring. */
    record Wait(Duration duration) implements Action {
        public Wait {
            Checks.positive("duration", duration);
        }

        @Override
        public String kind() {
            return "wait";
        }

        @Override
        public String describe() {
            return "wait " + Checks.format(duration);
        }

        @Override
        public Duration span() {
            return duration;
        }
    }

    /**
     * An outsider floods the gateway's SIP port with OPTIONS, without credentials, from one
     * address ({@link #SOURCE}, not a phone's or the provider's): at {@code rate} per second
     * for {@code duration}, bounded by both. The gateway must keep its own probes, its trunk
     * and its phones working throughout.
     */
    record OptionsFlood(int rate, Duration duration) implements Action {

        /** Where the flood comes from: an address no lab part uses. */
        public static final String SOURCE = "127.0.0.66";
        /** The most a flood may send per second, so a typo cannot turn a drill into a hang. */
        public static final int MAX_RATE = 20_000;

        public OptionsFlood {
            if (rate < 1 || rate > MAX_RATE) {
                throw new IllegalArgumentException("rate: expected 1 to " + MAX_RATE + " requests per second, got " + rate);
            }
            Checks.positive("duration", duration);
        }

        @Override
        public String kind() {
            return "optionsFlood";
        }

        @Override
        public String describe() {
            return "an outsider (" + SOURCE + ") floods the gateway with " + rate + " OPTIONS/s for "
                    + Checks.format(duration);
        }

        @Override
        public Duration span() {
            return duration;
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /**
     * The storm phones (the scenario's {@link Scenario#STORM_PHONES} setting: light phones
     * beside the lab's own, each an extension of its own, registered before the first step)
     * all register again at once, as a site's phones do when the power or the LAN comes back;
     * each retries as a phone does (retransmissions, and after a 503 its Retry-After) until
     * it is registered or {@code within} is over, then asks for its binding. The storm comes
     * from many source addresses, as phones do.
     */
    record RegistrationStorm(Duration within) implements Action {

        /** The longest a storm may run, so a typo cannot turn a drill into a hang. */
        public static final Duration MAX_WITHIN = Duration.ofMinutes(2);

        public RegistrationStorm {
            Checks.positive("within", within);
            if (within.compareTo(MAX_WITHIN) > 0) {
                throw new IllegalArgumentException("within: expected at most " + Checks.format(MAX_WITHIN)
                        + ", got " + Checks.format(within));
            }
        }

        @Override
        public String kind() {
            return "registrationStorm";
        }

        @Override
        public String describe() {
            return "every storm phone registers again at once (for at most " + Checks.format(within) + ")";
        }

        @Override
        public Duration span() {
            return within;
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /** A named instant for the report's timeline (and for progress output). */
    record Mark(String label) implements Action {
        public Mark {
            label = Checks.text("label", label).strip();
            if (label.length() > 80 || label.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("label " + Checks.quote(label)
                        + " is not usable; expected one line of at most 80 characters");
            }
        }

        @Override
        public String kind() {
            return "mark";
        }

        @Override
        public String describe() {
            return "mark: " + label;
        }
    }
}
