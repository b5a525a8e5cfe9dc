package dev.lifeline.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code trunks} and {@code dialPlan}, and checks that every trunk a rule names exists
 * and that emergency numbers, with or without an outside-line code, do not collide with local
 * numbers (an extension 911 would swallow emergency calls).
 */
final class TrunkReader {

    static final List<String> TRUNK_KEYS = List.of("name", "provider", "transport", "username", "password",
            "register", "expires", "callerId", "priority", "trust", "trustBundle", "clientCertificate", "clientKey");
    static final List<String> CALLER_ID_KEYS = List.of("outbound", "inbound");
    static final List<String> DIAL_PLAN_KEYS = List.of("internal", "emergency", "outsideLine", "outbound", "whenNoTrunk",
            "maxCallsPerExtension", "maxRingingPerTrunk");
    static final List<String> RULE_KEYS = List.of("match", "trunks", "strip", "prefix");
    static final List<String> NO_TRUNK_KEYS = List.of("emergencyTrunk", "emergencyGroup");
    static final Duration DEFAULT_EXPIRES = Duration.ofHours(1);

    private final Problems problems;

    TrunkReader(Problems problems) {
        this.problems = problems;
    }

    /** The trunks, and the names declared (even of trunks with other problems). */
    record Trunks(List<Trunk> trunks, Set<String> declared) {
    }

    Trunks trunks(Section top) {
        List<Trunk> trunks = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        Duplicates names = new Duplicates("trunk name");
        for (Section s : top.sections("trunks", false, "a list of trunks", TRUNK_KEYS)) {
            s.peek("name").filter(n -> names.add(n, s.markOf("name"), s.path("name"), problems))
                    .ifPresent(declared::add);
            trunk(s).ifPresent(trunks::add);
        }
        return new Trunks(trunks, declared);
    }

    private Optional<Trunk> trunk(Section s) {
        int before = problems.count();
        String name = s.required("name", "a name for dial-plan rules to use, e.g. provider", Scalars::name);
        HostPort provider = s.required("provider", "the provider's domain or host:port, e.g. sip.example.net"
                + " or 127.0.0.1:5070", HostPort::parse);
        Transport transport = s.optional("transport", Transport.UDP, Scalars.choice(Transport.class, Transport::configName));
        // An invalid "register" is reported; reading goes on as if true, to check the credentials too.
        boolean register = !Boolean.FALSE.equals(s.optional("register", true, Scalars::bool));
        Optional<String> username = register
                ? Optional.ofNullable(s.required("username", "the user the provider gave you (register is true)", text -> text))
                : s.optional("username", text -> text);
        Optional<Secret> password = register
                ? Optional.ofNullable(s.required("password", "the provider password (register is true)", Scalars::secret)).map(Secret::new)
                : s.optional("password", Scalars::secret).map(Secret::new);
        Duration expires = s.optional("expires", DEFAULT_EXPIRES, Scalars::wholeSeconds);
        CallerIdPresentation callerId = callerId(s);
        int priority = orZero(s.optional("priority", 1, Scalars.integer(1, 1000)));
        Optional<TrunkTrust> trust = trust(s, transport);
        Optional<TlsFiles> client = clientCertificate(s);
        if (transport != Transport.TLS) {
            for (String key : List.of("trust", "trustBundle", "clientCertificate", "clientKey")) {
                if (s.has(key)) {
                    s.problem(key, "is only used with transport tls; this trunk uses " + transport.configName());
                }
            }
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new Trunk(name, provider, transport, username, password, register, expires, callerId,
                priority, transport == Transport.TLS ? trust : Optional.empty(), client));
    }

    private CallerIdPresentation callerId(Section s) {
        return s.section("callerId", CALLER_ID_KEYS).map(c -> {
            var format = Scalars.choice(NumberFormat.class, NumberFormat::configName);
            NumberFormat out = c.optional("outbound", NumberFormat.E164, format);
            NumberFormat in = c.optional("inbound", NumberFormat.NATIONAL, format);
            return out == null || in == null ? null : new CallerIdPresentation(out, in);
        }).orElse(null);
    }

    /**
     * {@code trust: system}, {@code trust: /path/ca.pem} or {@code trust: sha256:...};
     * {@code trustBundle: /path/ca.pem} is
     * the older spelling of the latter. A TLS trunk without either is an error: trusting every
     * public CA must be chosen, not fallen into.
     */
    private Optional<TrunkTrust> trust(Section s, Transport transport) {
        if (s.has("trust") && s.has("trustBundle")) {
            s.problem("trustBundle", "is the older spelling of trust, which is also given; expected only trust");
            return Optional.empty();
        }
        if (s.has("trustBundle")) {
            return s.optional("trustBundle", Scalars::path).map(TrunkTrust.Bundle::new);
        }
        if (!s.has("trust") && transport == Transport.TLS) {
            s.missing("trust", "what this TLS trunk trusts for the provider's certificate: trust: system (the"
                    + " JDK's public CAs), trust: /etc/lifeline/provider-ca.pem (a PEM bundle of the provider's CAs)"
                    + " or trust: sha256:AB:CD:... (the fingerprint of the provider's own certificate)");
            return Optional.empty();
        }
        return s.optional("trust", TrunkTrust::parse);
    }

    private Optional<TlsFiles> clientCertificate(Section s) {
        Optional<Path> cert = s.optional("clientCertificate", Scalars::path);
        Optional<Path> key = s.optional("clientKey", Scalars::path);
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isPresent() ? "clientKey" : "clientCertificate";
            s.missing(missing, "both clientCertificate and clientKey (PEM files) for a client certificate");
            return Optional.empty();
        }
        return cert.map(c -> new TlsFiles(c, key.get()));
    }

    DialPlan dialPlan(Section top, Set<String> trunkNames, Directory directory) {
        Optional<Section> section = top.has("dialPlan") ? top.section("dialPlan", DIAL_PLAN_KEYS) : Optional.empty();
        if (section.isEmpty()) {
            if (!top.has("dialPlan")) {
                top.missing("dialPlan", "at least the emergency numbers, e.g. dialPlan: {emergency: [911]}");
            }
            return null;
        }
        Section s = section.get();
        int before = problems.count();
        Optional<Pattern> internal = s.optional("internal", Scalars::regex);
        List<String> emergency = emergency(s, directory);
        List<OutboundRule> rules = new ArrayList<>();
        for (Section r : s.sections("outbound", false, "a list of rules", RULE_KEYS)) {
            rule(r, trunkNames).ifPresent(rules::add);
        }
        NoTrunkPolicy whenNoTrunk = whenNoTrunk(s, trunkNames, directory);
        List<String> outsideLine = s.has("outsideLine")
                ? s.values("outsideLine", false, "the codes dialled before an outside number, e.g. [9]", Scalars.digits("9"))
                : DialPlan.outsideLineCodes(rules);
        if (problems.count() == before) {
            checkEmergencyAfterOutsideLine(s, emergency, outsideLine, directory);
        }
        CallLimits d = CallLimits.DEFAULT;
        Integer perExtension = s.optional("maxCallsPerExtension", d.callsPerExtension(), Scalars.integer(1, 1000));
        Integer perTrunk = s.optional("maxRingingPerTrunk", d.ringingPerTrunk(), Scalars.integer(1, 10000));
        if (problems.count() > before) {
            return null;
        }
        return new DialPlan(internal, emergency, outsideLine, rules, whenNoTrunk, new CallLimits(perExtension, perTrunk));
    }

    /**
     * An extension or group numbered like an emergency number after an outside-line code (9911)
     * could never be reached (the emergency call goes first), and its users would not know why.
     */
    private void checkEmergencyAfterOutsideLine(Section s, List<String> emergency, List<String> outsideLine,
                                                Directory directory) {
        String key = s.has("outsideLine") ? "outsideLine" : "emergency";
        for (String code : outsideLine) {
            for (String number : emergency) {
                if (directory.isLocalNumber(code + number)) {
                    s.problem(key, code + number + " is an extension or group number, and also the emergency number "
                            + number + " dialled after the outside-line code " + code + "; expected it free"
                            + (s.has("outsideLine") ? "" : " (the code comes from the outbound rules;"
                            + " set outsideLine to say which codes users dial)"));
                }
            }
        }
    }

    private List<String> emergency(Section s, Directory directory) {
        List<Section.Located<String>> numbers = s.located("emergency", true,
                "the emergency numbers of this site, e.g. [911] or [112, 999]", Scalars.digits("911"));
        for (Section.Located<String> n : numbers) {
            if (directory.isLocalNumber(n.value())) {
                problems.add(n.mark(), n.path(), n.value() + " is also an extension or group number;"
                        + " expected emergency numbers to be free, or emergency calls would stay local");
            }
        }
        return numbers.stream().map(Section.Located::value).toList();
    }

    private Optional<OutboundRule> rule(Section r, Set<String> trunkNames) {
        int before = problems.count();
        Pattern match = r.required("match", "a regex for the dialled number, e.g. 9(\\d{7,15})", Scalars::regex);
        List<Section.Located<String>> trunks = r.located("trunks", true, "trunk names, e.g. [provider]", Scalars::name);
        for (Section.Located<String> t : trunks) {
            checkTrunk(t.value(), t.mark(), t.path(), trunkNames);
        }
        int strip = orZero(r.optional("strip", 0, Scalars.integer(0, 15)));
        String prefix = r.optional("prefix", "", TrunkReader::dialPrefix);
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new OutboundRule(match, trunks.stream().map(Section.Located::value).toList(), strip, prefix));
    }

    private NoTrunkPolicy whenNoTrunk(Section s, Set<String> trunkNames, Directory directory) {
        return s.section("whenNoTrunk", NO_TRUNK_KEYS).map(w -> {
            Optional<String> trunk = w.optional("emergencyTrunk", Scalars::name);
            trunk.ifPresent(t -> checkTrunk(t, w.markOf("emergencyTrunk"), w.path("emergencyTrunk"), trunkNames));
            Optional<String> group = w.optional("emergencyGroup", Scalars.digits("600"));
            group.filter(g -> !directory.declaredGroups().contains(g)).ifPresent(g -> w.problem("emergencyGroup",
                    g + " is not a group; expected the number of a group defined under groups"));
            return new NoTrunkPolicy(trunk, group);
        }).orElse(NoTrunkPolicy.NONE);
    }

    private void checkTrunk(String name, Mark at, String path, Set<String> trunkNames) {
        if (trunkNames.contains(name)) {
            return;
        }
        String hint = Spelling.closest(name, trunkNames).map(k -> "did you mean '" + k + "'?")
                .orElse(trunkNames.isEmpty() ? "no trunks are defined" : "expected one of " + String.join(", ", trunkNames));
        problems.add(at, path, "trunk '" + name + "' is not defined under trunks; " + hint);
    }

    private static String dialPrefix(String text) {
        if (!text.matches("\\+?\\d{0,15}")) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a dial prefix; expected digits,"
                    + " optionally after '+', e.g. +1");
        }
        return text;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
