package dev.lifeline.gateway.tls;

import dev.lifeline.gateway.config.TlsFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider TLS target as seen over one WAN path: what {@link CertificateWatch} checks.
 *
 * @param trunk             the trunk's name
 * @param path              the WAN path's name
 * @param remote            resolved address whose host string is the name the target was found
 *                          under, e.g. {@code new InetSocketAddress(InetAddress.getByAddress("sip1.provider.example", ip), 5061)};
 *                          the certificate must carry it when there is no {@code sipDomain}
 * @param source            the path's bind address; the check connects from it
 * @param trustBundle       the trunk's trust bundle; the JDK's CAs when absent
 * @param clientCertificate the trunk's client certificate, presented when the provider asks
 * @param sipDomain         the trunk's SIP domain: when present the certificate must name it by
 *                          the rules of RFC 5922, whatever the target's host is
 * @param pinnedSha256      the trunk's pinned certificate (SHA-256 hex): when present it is the
 *                          only certificate trusted, and no CA or name is judged
 */
public record ProviderTarget(String trunk, String path, InetSocketAddress remote, InetAddress source,
                             Optional<Path> trustBundle, Optional<TlsFiles> clientCertificate,
                             Optional<String> sipDomain, Optional<String> pinnedSha256) {

    public ProviderTarget {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(sipDomain, "sipDomain");
        Objects.requireNonNull(pinnedSha256, "pinnedSha256");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("provider target must be resolved before checking: " + remote);
        }
    }

    /** A target whose certificate must carry the target's own host name (or address). */
    public ProviderTarget(String trunk, String path, InetSocketAddress remote, InetAddress source,
                          Optional<Path> trustBundle, Optional<TlsFiles> clientCertificate) {
        this(trunk, path, remote, source, trustBundle, clientCertificate, Optional.empty(), Optional.empty());
    }

    /** e.g. "provider sip1.provider.example:5061 via wan1". */
    public String subject() {
        String host = remote.getHostString();
        return "provider " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort() + " via " + path;
    }
}
