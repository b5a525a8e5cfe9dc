package dev.lifeline.gateway.config;

import dev.lifeline.sip.auth.DigestAlgorithm;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ConnectionLimits;
import java.nio.file.Path;
import dev.lifeline.gateway.admission.AdmissionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the sections that tune services rather than describe the site's numbers:
 * {@code site}, {@code registrar}, {@code security}, {@code storage}, {@code events}, {@code admin},
 * {@code media}, {@code signalling}.
 */
final class ServiceReader {

    static final List<String> SITE_KEYS = List.of("name", "countryCode", "nationalPrefix");
    static final List<String> REGISTRAR_KEYS = List.of("realm", "minExpires", "maxExpires", "defaultExpires",
            "expiryBand", "natKeepalive", "keepaliveMethod", "digestAlgorithms", "maxContacts");
    static final List<String> SECURITY_KEYS = List.of("banAfterFailures", "failureWindow", "banDuration",
            "allowDigestWithoutQop");
    static final List<String> EVENTS_KEYS = List.of("keepFor", "maxRows", "repeatWindow");
    static final List<String> ADMIN_KEYS = List.of("listen", "token", "tokenFile", "allowRemote", "metricsPublic",
            "faultInjection");
    /** The one value of {@code admin.allowRemote} that exposes the API: it says what the operator accepts. */
    static final String REMOTE_PLAINTEXT = "plaintext";
    static final List<String> MEDIA_KEYS = List.of("rtpPorts", "dscp");
    static final List<String> SIGNALLING_KEYS = List.of("dscp", "t1", "t2", "t4", "targetTimeout", "overloadWait",
            "sourceRate", "sourceBurst",
            "tcpMaxConnections", "tcpMaxPerSource", "tcpMessageTimeout");
    /** More would outgrow the file descriptors a gateway host usually has. */
    private static final int MAX_TCP_CONNECTIONS = 100_000;
    static final Path DEFAULT_STORAGE = Path.of("./.lifeline/data");
    static final HostPort DEFAULT_ADMIN = HostPort.of("127.0.0.1", 8089);

    private final Problems problems;

    ServiceReader(Problems problems) {
        this.problems = problems;
    }

    Site site(Section top) {
        if (!top.has("site")) {
            top.missing("site", "site: {name: ..., countryCode: \"1\"}");
            return null;
        }
        return top.section("site", SITE_KEYS).map(s -> {
            int before = problems.count();
            String name = s.required("name", "the site's name, e.g. Branch 1", text -> text);
            String cc = s.required("countryCode", "the E.164 country code without '+', e.g. \"1\" or \"44\"",
                    ServiceReader::countryCode);
            String prefix = s.optional("nationalPrefix", "", ServiceReader::nationalPrefix);
            return problems.count() > before ? null : new Site(name, cc, prefix);
        }).orElse(null);
    }

    RegistrarSettings registrar(Section top, String siteName) {
        return top.section("registrar", REGISTRAR_KEYS).map(s -> {
            int before = problems.count();
            String realm = s.optional("realm", siteName == null ? "lifeline" : siteName, text -> text);
            Duration min = s.optional("minExpires", Duration.ofSeconds(60), Scalars::wholeSeconds);
            Duration max = s.optional("maxExpires", Duration.ofHours(1), Scalars::wholeSeconds);
            Duration dflt = s.optional("defaultExpires", Duration.ofHours(1), Scalars::wholeSeconds);
            double[] band = s.optional("expiryBand", new double[] {0.8, 1.0}, ServiceReader::band);
            Duration keepalive = s.optional("natKeepalive", Duration.ofSeconds(25), Scalars::positiveDuration);
            KeepaliveMethod method = s.optional("keepaliveMethod", KeepaliveMethod.OPTIONS,
                    Scalars.choice(KeepaliveMethod.class, KeepaliveMethod::configName));
            int beforeDigest = problems.count();
            List<DigestAlgorithm> digest = s.has("digestAlgorithms")
                    ? s.values("digestAlgorithms", true, "digest algorithms offered to phones, e.g. [md5, sha-256]",
                            ServiceReader::phoneDigest)
                    : RegistrarSettings.DEFAULT_DIGEST;
            if (problems.count() == beforeDigest
                    && (digest.isEmpty() || digest.stream().distinct().count() < digest.size())) {
                s.problem("digestAlgorithms", "expected md5 and/or sha-256, each once, e.g. [md5, sha-256]");
            }
            Integer maxContacts = s.optional("maxContacts", RegistrarSettings.DEFAULT_MAX_CONTACTS,
                    Scalars.integer(1, 100));
            if (min != null && max != null && dflt != null
                    && (min.compareTo(dflt) > 0 || dflt.compareTo(max) > 0)) {
                s.problem("defaultExpires", "expected minExpires <= defaultExpires <= maxExpires; here they are "
                        + DurationFormat.format(min) + ", " + DurationFormat.format(dflt) + " and "
                        + DurationFormat.format(max));
            }
            if (problems.count() > before) {
                return null;
            }
            return new RegistrarSettings(realm, min, max, dflt, band[0], band[1], keepalive, method, digest,
                    maxContacts);
        }).orElse(null);
    }

    /** The algorithms a phone's credentials can be checked with: those an extension's ha1 may be given for. */
    private static DigestAlgorithm phoneDigest(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "md5" -> DigestAlgorithm.MD5;
            case "sha-256" -> DigestAlgorithm.SHA_256;
            default -> throw new IllegalArgumentException(Scalars.quote(text) + " is not one of md5, sha-256");
        };
    }

    SecuritySettings security(Section top) {
        SecuritySettings d = SecuritySettings.DEFAULT;
        return top.section("security", SECURITY_KEYS).map(s -> {
            int before = problems.count();
            Integer after = s.optional("banAfterFailures", d.banAfterFailures(), Scalars.integer(1, 1000));
            Duration window = s.optional("failureWindow", d.failureWindow(), Scalars::positiveDuration);
            Duration ban = s.optional("banDuration", d.banDuration(), Scalars::positiveDuration);
            boolean noQop = Boolean.TRUE.equals(s.optional("allowDigestWithoutQop", d.allowDigestWithoutQop(),
                    Scalars::bool));
            return problems.count() > before ? null : new SecuritySettings(after, window, ban, noQop);
        }).orElse(null);
    }

    Path storage(Section top) {
        return top.optional("storage", DEFAULT_STORAGE, Scalars::path);
    }

    EventLogSettings events(Section top) {
        EventLogSettings d = EventLogSettings.DEFAULT;
        return top.section("events", EVENTS_KEYS).map(s -> {
            int before = problems.count();
            Duration keepFor = s.optional("keepFor", d.keepFor(), ServiceReader::keepFor);
            Integer maxRows = s.optional("maxRows", d.maxRows(), Scalars.integer(1000, 100_000_000));
            Duration window = s.optional("repeatWindow", d.repeatWindow(), ServiceReader::repeatWindow);
            return problems.count() > before ? null : new EventLogSettings(keepFor, maxRows, window);
        }).orElse(null);
    }

    private static Duration keepFor(String text) {
        Duration d = Scalars.positiveDuration(text);
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is shorter than an hour; expected e.g. 30d"
                    + " (what happened overnight must still be there in the morning)");
        }
        return d;
    }

    private static Duration repeatWindow(String text) {
        Duration d = Scalars.positiveDuration(text);
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is out of range; expected 1s to 1d, e.g. 1m");
        }
        return d;
    }

    AdminSettings admin(Section top) {
        return top.section("admin", ADMIN_KEYS).map(s -> {
            int before = problems.count();
            HostPort listen = s.optional("listen", DEFAULT_ADMIN, HostPort::parseBindable);
            Optional<Secret> token = s.optional("token", ServiceReader::adminToken).map(Secret::new);
            Optional<Path> tokenFile = s.optional("tokenFile", Scalars::path);
            boolean allowRemote = Boolean.TRUE.equals(s.optional("allowRemote", false, ServiceReader::allowRemote));
            boolean metricsPublic = Boolean.TRUE.equals(s.optional("metricsPublic", false, Scalars::bool));
            boolean faultInjection = Boolean.TRUE.equals(s.optional("faultInjection", false, Scalars::bool));
            if (s.has("token") && tokenFile.isPresent()) {
                s.problem("tokenFile", "both token and tokenFile are set; expected one of them");
            }
            if (listen != null && !allowRemote && IpLiteral.isIp(listen.host()) && !isLoopback(listen.host())) {
                s.problem("listen", listen + " is not a loopback address; the admin API speaks plain HTTP and shows"
                        + " who is registered where, so keep it on 127.0.0.1 and reach it through an SSH tunnel or"
                        + " a TLS proxy on this host (or set allowRemote: plaintext to expose it unencrypted on purpose)");
            }
            return problems.count() > before ? null : new AdminSettings(listen, token, tokenFile, allowRemote, metricsPublic,
                    faultInjection);
        }).orElse(null);
    }

    MediaSettings media(Section top) {
        MediaSettings d = MediaSettings.DEFAULT;
        return top.section("media", MEDIA_KEYS).map(s -> {
            int before = problems.count();
            int[] ports = s.optional("rtpPorts", new int[] {d.rtpPortMin(), d.rtpPortMax()}, ServiceReader::rtpPorts);
            Integer dscp = s.optional("dscp", d.dscp(), Scalars::dscp);
            return problems.count() > before ? null : new MediaSettings(ports[0], ports[1], dscp);
        }).orElse(null);
    }

    /** Null after reporting a problem. */
    private static ConnectionLimits tcpLimits(Section s) {
        ConnectionLimits d = ConnectionLimits.DEFAULT;
        Integer max = s.optional("tcpMaxConnections", d.maxConnections(), Scalars.integer(1, MAX_TCP_CONNECTIONS));
        Integer perSource = s.optional("tcpMaxPerSource", d.maxPerSource(), Scalars.integer(1, MAX_TCP_CONNECTIONS));
        Duration messageTimeout = s.optional("tcpMessageTimeout", d.messageTimeout(), Scalars::positiveDuration);
        if (max == null || perSource == null || messageTimeout == null) {
            return null;
        }
        if (perSource > max) {
            s.problem(s.has("tcpMaxPerSource") ? "tcpMaxPerSource" : "tcpMaxConnections", "tcpMaxPerSource ("
                    + perSource + ") is more than tcpMaxConnections (" + max + "); expected at most that");
            return null;
        }
        return new ConnectionLimits(max, perSource, messageTimeout);
    }

    SignallingSettings signalling(Section top) {
        TimerConfig t = TimerConfig.DEFAULT;
        return top.section("signalling", SIGNALLING_KEYS).map(s -> {
            int before = problems.count();
            Integer dscp = s.optional("dscp", SignallingSettings.DEFAULT.dscp(), Scalars::dscp);
            Duration t1 = s.optional("t1", t.t1(), Scalars::positiveDuration);
            Duration t2 = s.optional("t2", t.t2(), Scalars::positiveDuration);
            Duration t4 = s.optional("t4", t.t4(), Scalars::positiveDuration);
            Duration targetTimeout = s.optional("targetTimeout", SignallingSettings.DEFAULT.targetTimeout(),
                    Scalars::positiveDuration);
            boolean targetTimeoutGiven = s.has("targetTimeout");
            AdmissionSettings a = AdmissionSettings.DEFAULT;
            Duration overloadWait = s.optional("overloadWait", a.targetWait(), Scalars::positiveDuration);
            Integer sourceRate = s.optional("sourceRate", (int) a.sourceRate(), Scalars::positiveInt);
            Integer sourceBurst = s.optional("sourceBurst", a.sourceBurst(), Scalars::positiveInt);
            if (t1 != null && t2 != null && t2.compareTo(t1) < 0) {
                s.problem("t2", "T2 (" + DurationFormat.format(t2) + ") is less than T1 (" + DurationFormat.format(t1)
                        + "); expected T2 >= T1 (RFC 3261 §17.1.2.2)");
            }
            // The default (4 s) simply yields to a shorter Timer B; a value given is meant, and checked.
            if (targetTimeoutGiven && t1 != null && targetTimeout != null
                    && targetTimeout.compareTo(t1.multipliedBy(64)) > 0) {
                s.problem("targetTimeout", "targetTimeout " + DurationFormat.format(targetTimeout)
                        + " is longer than Timer B (64*T1 = " + DurationFormat.format(t1.multipliedBy(64))
                        + "), which ends the INVITE first; expected at most that");
            }
            ConnectionLimits tcp = tcpLimits(s);
            if (problems.count() > before) {
                return null;
            }
            return new SignallingSettings(dscp, new TimerConfig(t1, t2, t4), targetTimeout,
                    a.withTargetWait(overloadWait).withSourceRate(sourceRate, sourceBurst), tcp);
        }).orElse(null);
    }

    /** A token an attacker cannot guess online; its text never goes into a message. */
    private static String adminToken(String text) {
        Scalars.secret(text);
        if (text.strip().length() < AdminSettings.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("is " + text.strip().length() + " characters long; expected at least "
                    + AdminSettings.MIN_TOKEN_LENGTH + ", e.g. 64 hex digits from `openssl rand -hex 32`"
                    + " (or leave token out and the gateway generates one into admin.token)");
        }
        return text.strip();
    }

    /**
     * {@code false}, or {@code plaintext}: the API has no TLS, so exposing it means sending the token
     * in clear, and the value must say so. A bare {@code true} is refused rather than guessed at.
     */
    private static boolean allowRemote(String text) {
        if (REMOTE_PLAINTEXT.equalsIgnoreCase(text)) {
            return true;
        }
        boolean yes;
        try {
            yes = Scalars.bool(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not false or " + REMOTE_PLAINTEXT);
        }
        if (yes) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is refused: the admin API speaks plain HTTP, so"
                    + " its token and the registrations it lists would cross the network readable; keep it on"
                    + " loopback behind an SSH tunnel or a TLS proxy, or write allowRemote: " + REMOTE_PLAINTEXT
                    + " to accept that");
        }
        return false;
    }

    private static boolean isLoopback(String ip) {
        return IpLiteral.parse(ip).isLoopbackAddress();
    }

    private static String countryCode(String text) {
        if (!text.matches("[1-9]\\d{0,2}")) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a country code; expected 1 to 3 digits"
                    + " without '+', e.g. \"1\" (NANP) or \"44\"");
        }
        return text;
    }

    private static String nationalPrefix(String text) {
        if (!text.matches("\\d{0,4}")) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a national prefix; expected digits,"
                    + " e.g. \"1\" (NANP) or \"0\"");
        }
        return text;
    }

    private static double[] band(String text) {
        double[] b = Scalars.range(text, "0.8-1.0");
        if (b[0] <= 0 || b[1] > 1) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not within 0-1; expected fractions of the"
                    + " granted expiry, e.g. 0.8-1.0 (80 % to 100 %)");
        }
        return b;
    }

    private static int[] rtpPorts(String text) {
        double[] r = Scalars.range(text, "10000-20000");
        int low = (int) r[0];
        int high = (int) r[1];
        if (low != r[0] || high != r[1] || low < 1024 || high > 65535) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a port range within 1024-65535;"
                    + " expected e.g. 10000-20000");
        }
        if (low % 2 != 0 || high - low < 1) {
            throw new IllegalArgumentException(Scalars.quote(text) + " must start on an even port and hold at least"
                    + " one RTP/RTCP pair (RTP even, RTCP odd); expected e.g. 10000-20000");
        }
        return new int[] {low, high};
    }
}
