package dev.lifeline.sip.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * The SIP domain identities a server certificate carries, and whether they authenticate a SIP
 * domain, by the rules of RFC 5922 §7. Pure; no I/O.
 *
 * <p>Why not the JDK's HTTPS host check: a client that located its peer through NAPTR/SRV must
 * authenticate the SIP domain it started from, not the SRV target (a forged SRV answer can name
 * any host, including one with a valid certificate for its own name, RFC 5922 §4), and SIP
 * domain matching differs from HTTPS: a {@code sip:} URI name counts, DNS names count only when
 * there is none, the subject's CN only when there are no alternative names at all, and a
 * wildcard is never a match (§7.2).
 */
public final class SipDomainIdentity {

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private SipDomainIdentity() {
    }

    /**
     * The identities in {@code leaf}, per RFC 5922 §7.1: the host parts of {@code sip:} URI
     * names without a user part; when there are none, the DNS names; when the certificate has
     * no subjectAltName at all, its most specific CN. Each is shown as found, lower-cased.
     */
    public static List<String> identities(X509Certificate leaf) {
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of(); // an unparsable extension names nobody
        }
        if (sans == null) {
            return commonName(leaf).map(cn -> List.of(normalise(cn))).orElse(List.of());
        }
        List<String> uris = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            if (type == SAN_URI) {
                sipUriDomain(String.valueOf(san.get(1))).ifPresent(uris::add);
            } else if (type == SAN_DNS) {
                dns.add(normalise(String.valueOf(san.get(1))));
            }
        }
        return List.copyOf(uris.isEmpty() ? dns : uris);
    }

    /** True when {@code leaf} authenticates {@code domain} (RFC 5922 §7.2, §7.3). */
    public static boolean authenticates(X509Certificate leaf, String domain) {
        String wanted = normalise(domain);
        // Whole-name equality only: no suffix match, and "*.example.com" matches only itself.
        return !wanted.isEmpty() && identities(leaf).contains(wanted);
    }

    /** Why {@code leaf} does not authenticate {@code domain}; empty when it does. */
    public static Optional<String> problem(X509Certificate leaf, String domain) {
        if (authenticates(leaf, domain)) {
            return Optional.empty();
        }
        List<String> found = identities(leaf);
        return Optional.of("certificate does not name the SIP domain " + normalise(domain)
                + (found.isEmpty() ? " (it names no SIP domain)" : " (it names " + String.join(", ", found) + ")")
                + "; RFC 5922 wants sip:" + normalise(domain) + " or DNS " + normalise(domain)
                + " in its alternative names, no wildcard");
    }

    /** The host of a {@code sip:} URI without a user part, lower-cased; empty for anything else. */
    static Optional<String> sipUriDomain(String uri) {
        String u = uri.strip();
        if (u.length() < 5 || !u.substring(0, 4).equalsIgnoreCase("sip:")) {
            return Optional.empty(); // sips:, tel:, http: ... identify no SIP domain (§7.1)
        }
        String rest = u.substring(4);
        if (rest.indexOf('@') >= 0) {
            return Optional.empty(); // a user, not a domain
        }
        int end = rest.length();
        for (char c : new char[] {';', '?', ':'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String host = normalise(rest.substring(0, end));
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    private static String normalise(String name) {
        String n = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Optional<String> commonName(X509Certificate leaf) {
        try {
            LdapName dn = new LdapName(leaf.getSubjectX500Principal().getName());
            // LdapName lists RDNs from the least specific; the last CN is the most specific.
            return dn.getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
                    .map(r -> String.valueOf(r.getValue())).reduce((first, second) -> second);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
