package dev.lifeline.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A client TLS context and whom it checks the peer's certificate against: what one outbound
 * handshake uses.
 *
 * @param verifyHostname check the target's host string with the JDK's HTTPS rule; false when
 *                       {@code sipDomain} is given (the context's trust manager checks it) or
 *                       for labs that check no name
 * @param sipDomain      the SIP domain the context's trust manager authenticates (RFC 5922);
 *                       the handshake asks for it by SNI whichever host it goes to
 */
record ClientTls(SslContext context, boolean verifyHostname, Optional<String> sipDomain) {

    ClientTls {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sipDomain, "sipDomain");
    }

    ClientTls(SslContext context, boolean verifyHostname) {
        this(context, verifyHostname, Optional.empty());
    }

    SslHandler newHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        // Host string (not a reverse lookup) so SNI and hostname checks use the name the caller chose;
        // with a SIP domain, SNI names the domain the certificate must be for, not the SRV target.
        SslHandler handler = context.newHandler(alloc, sipDomain.orElse(remote.getHostString()), remote.getPort());
        if (verifyHostname) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return handler;
    }
}
