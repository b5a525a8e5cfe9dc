package dev.lifeline.gateway.tls;

import dev.lifeline.sip.transport.CertificatePin;
import dev.lifeline.sip.transport.SipDomainIdentity;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * Judges a certificate chain at an instant: validity period, trust, name, then how soon it
 * expires. Pure apart from the JDK's certificate code; no I/O, no clock of its own.
 *
 * <p>Checks run in that order and the first problem is the reason, so a chain with several
 * problems reports the one operators fix first. Trust is a walk from the leaf: each certificate
 * must be signed by a trust anchor or by the next certificate in the chain (which names the
 * "unknown issuer" exactly), then the JDK's PKIX validator confirms the path (constraints,
 * key usage). Names follow the rule the transport's handshakes apply: for a trunk's SIP domain
 * RFC 5922 ({@link SipDomainIdentity}); for a host, the JDK's HTTPS rule (RFC 6125): DNS or IP
 * subject alternative names, the common name only when there are no DNS names, and a wildcard
 * only as the whole left-most label.
 */
public final class CertificateInspector {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final ExpiryThresholds thresholds;

    public CertificateInspector(ExpiryThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public CertificateInspector() {
        this(ExpiryThresholds.DEFAULT);
    }

    /**
     * A peer's chain (leaf first, as presented) against trust anchors and, when given, the
     * name the peer was addressed by (host name or IP literal).
     */
    public CertificateVerdict inspect(List<X509Certificate> chain, Collection<X509Certificate> anchors,
                                      Optional<String> name, Instant now) {
        return inspect(chain, anchors, now, leaf -> name.flatMap(n -> nameProblem(leaf, n)));
    }

    /**
     * A provider's chain against trust anchors, as a server of SIP domain {@code domain}: the
     * leaf must name the domain by the rules of RFC 5922 (a {@code sip:} URI name, else a DNS
     * name, no wildcard), as the transport's handshakes to that trunk check it.
     */
    public CertificateVerdict inspectForSipDomain(List<X509Certificate> chain, Collection<X509Certificate> anchors,
                                                  String domain, Instant now) {
        return inspect(chain, anchors, now, leaf -> SipDomainIdentity.problem(leaf, domain));
    }

    /**
     * A provider's chain against a pinned certificate ({@code sha256}, hex): the leaf must be
     * that certificate; then only its validity period and expiry count, no CA and no name.
     */
    public CertificateVerdict inspectPinned(List<X509Certificate> chain, String sha256, Instant now) {
        if (chain.isEmpty()) {
            return CertificateVerdict.unseen("no certificate presented");
        }
        X509Certificate leaf = chain.get(0);
        String presented = CertificatePin.sha256(leaf);
        if (!presented.equals(sha256)) {
            return seen(leaf).invalid("certificate " + CertificatePin.display(presented) + " is not the pinned one "
                    + CertificatePin.display(sha256));
        }
        return inspect(List.of(leaf), List.of(leaf), now, l -> Optional.empty());
    }

    private CertificateVerdict inspect(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant now,
                                       Function<X509Certificate, Optional<String>> nameCheck) {
        if (chain.isEmpty()) {
            return CertificateVerdict.unseen("no certificate presented");
        }
        CertificateVerdict base = seen(chain.get(0));
        Optional<String> problem = periodProblem(chain, now)
                .or(() -> trustProblem(chain, anchors, now))
                .or(() -> nameCheck.apply(chain.get(0)));
        return problem.map(base::invalid).orElseGet(() -> grade(chain, anchors, now));
    }

    /**
     * One of the gateway's own chains, where trust is the phones' business: validity period,
     * that each certificate is signed by the next one in the file, and how soon it expires.
     */
    public CertificateVerdict inspectOwn(List<X509Certificate> chain, Instant now) {
        if (chain.isEmpty()) {
            return CertificateVerdict.unseen("no certificate in the file");
        }
        CertificateVerdict base = seen(chain.get(0));
        Optional<String> problem = periodProblem(chain, now).or(() -> linkProblem(chain));
        return problem.map(base::invalid).orElseGet(() -> grade(chain, List.of(), now));
    }

    // ---- validity period ---------------------------------------------------------------

    private static Optional<String> periodProblem(List<X509Certificate> chain, Instant now) {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = i == 0 ? "certificate" : "intermediate certificate " + dn(c.getSubjectX500Principal());
            if (now.isAfter(c.getNotAfter().toInstant())) {
                return Optional.of(which + " expired on " + date(c.getNotAfter().toInstant()));
            }
            if (now.isBefore(c.getNotBefore().toInstant())) {
                return Optional.of((i == 0 ? "" : which + " ") + "not valid until " + date(c.getNotBefore().toInstant()));
            }
        }
        return Optional.empty();
    }

    // ---- trust ---------------------------------------------------------------------------

    private static Optional<String> trustProblem(List<X509Certificate> chain, Collection<X509Certificate> anchors,
                                                 Instant now) {
        int trustedBelow = -1; // certificates [0, trustedBelow) form the path to validate
        for (int i = 0; i < chain.size() && trustedBelow < 0; i++) {
            X509Certificate c = chain.get(i);
            if (anchors.contains(c)) {
                trustedBelow = i;
            } else if (anchors.stream().anyMatch(a -> issues(a, c))) {
                trustedBelow = i + 1;
            } else if (i + 1 < chain.size() && chain.get(i + 1).getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                if (!signedBy(c, chain.get(i + 1).getPublicKey())) {
                    return Optional.of("certificate " + dn(c.getSubjectX500Principal()) + " is not signed by "
                            + dn(c.getIssuerX500Principal()) + " (the next certificate in the chain)");
                }
            } else {
                return Optional.of("unknown issuer " + dn(c.getIssuerX500Principal()));
            }
        }
        if (trustedBelow <= 0) {
            return Optional.empty(); // the leaf itself is a trust anchor (pinned)
        }
        return pkixProblem(chain.subList(0, trustedBelow), anchors, now);
    }

    private static Optional<String> pkixProblem(List<X509Certificate> path, Collection<X509Certificate> anchors,
                                                Instant now) {
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            anchors.forEach(a -> trust.add(new TrustAnchor(a, null)));
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false); // revocation needs the network; the check is about what is deployed
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of("chain rejected: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of("chain cannot be validated: " + e.getMessage());
        }
    }

    private static Optional<String> linkProblem(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!next.getSubjectX500Principal().equals(c.getIssuerX500Principal()) || !signedBy(c, next.getPublicKey())) {
                return Optional.of("certificate " + dn(c.getSubjectX500Principal()) + " is not issued by the next one in the file, "
                        + dn(next.getSubjectX500Principal()) + " (wrong order or a foreign certificate)");
            }
        }
        return Optional.empty();
    }

    private static boolean issues(X509Certificate anchor, X509Certificate c) {
        return anchor.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, anchor.getPublicKey());
    }

    private static boolean signedBy(X509Certificate c, PublicKey key) {
        try {
            c.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    // ---- name ----------------------------------------------------------------------------

    private static Optional<String> nameProblem(X509Certificate leaf, String name) {
        String host = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        sans(leaf, dns, ips);
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        boolean matches;
        if (literal != null) {
            matches = ips.stream().anyMatch(ip -> java.util.Arrays.equals(ip.getAddress(), literal));
        } else if (!dns.isEmpty()) {
            matches = dns.stream().anyMatch(pattern -> dnsMatches(pattern, host));
        } else {
            matches = commonName(leaf).filter(cn -> dnsMatches(cn, host)).isPresent();
        }
        if (matches) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(dns);
        ips.forEach(ip -> names.add(ip.getHostAddress()));
        String shown = !names.isEmpty() ? "SAN: " + String.join(", ", names)
                : commonName(leaf).map(cn -> "CN: " + cn).orElse("no names");
        return Optional.of("name " + host + " does not match certificate (" + shown + ")");
    }

    private static void sans(X509Certificate leaf, List<String> dns, List<InetAddress> ips) {
        try {
            Collection<List<?>> all = leaf.getSubjectAlternativeNames();
            if (all == null) {
                return;
            }
            for (List<?> san : all) {
                int type = (Integer) san.get(0);
                if (type == SAN_DNS) {
                    dns.add((String) san.get(1));
                } else if (type == SAN_IP) {
                    ips.add(InetAddress.getByName((String) san.get(1))); // a literal: no lookup
                }
            }
        } catch (CertificateParsingException | UnknownHostException e) {
            // an unparsable extension leaves no names to match; the mismatch reason says so
        }
    }

    /** RFC 6125 §6.4.3: case-insensitive; "*" only as the whole left-most label, matching one label. */
    static boolean dnsMatches(String pattern, String host) {
        String p = strip(pattern);
        String h = strip(host);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && p.indexOf('.', 2) > 0;
        }
        return !p.contains("*") && p.equals(h);
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Optional<String> commonName(X509Certificate leaf) {
        try {
            javax.naming.ldap.LdapName dn = new javax.naming.ldap.LdapName(leaf.getSubjectX500Principal().getName());
            return dn.getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
                    .map(r -> String.valueOf(r.getValue())).reduce((first, second) -> second);
        } catch (javax.naming.InvalidNameException e) {
            return Optional.empty();
        }
    }

    // ---- expiry ----------------------------------------------------------------------------

    /** The soonest expiry among the presented certificates below the trust anchors decides. */
    private CertificateVerdict grade(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant now) {
        X509Certificate soonest = chain.get(0);
        for (X509Certificate c : chain.subList(1, chain.size())) {
            if (!anchors.contains(c) && c.getNotAfter().before(soonest.getNotAfter())) {
                soonest = c;
            }
        }
        Instant expiry = soonest.getNotAfter().toInstant();
        Duration left = Duration.between(now, expiry);
        String which = soonest == chain.get(0) ? "" : "intermediate certificate " + dn(soonest.getSubjectX500Principal()) + " ";
        String when = date(expiry) + " (" + days(left) + ")";
        Severity severity = left.compareTo(thresholds.critical()) <= 0 ? Severity.CRITICAL
                : left.compareTo(thresholds.warning()) <= 0 ? Severity.WARNING : Severity.OK;
        String reason = severity == Severity.OK ? which + "valid until " + when : which + "expires on " + when;
        return new CertificateVerdict(severity, reason.strip(), Optional.of(chain.get(0).getNotAfter().toInstant()),
                Optional.of(dn(chain.get(0).getSubjectX500Principal())));
    }

    private static CertificateVerdict seen(X509Certificate leaf) {
        return new CertificateVerdict(Severity.OK, "", Optional.of(leaf.getNotAfter().toInstant()),
                Optional.of(dn(leaf.getSubjectX500Principal())));
    }

    private static String days(Duration left) {
        long d = left.toDays();
        return d == 1 ? "1 day" : d + " days";
    }

    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static String dn(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }
}
