package dev.lifeline.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** A client TLS context and whether it checks the peer's name: what one outbound handshake uses. */
record ClientTls(SslContext context, boolean verifyHostname) {

    SslHandler newHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        // Host string (not a reverse lookup) so SNI and hostname checks use the name the caller chose.
        SslHandler handler = context.newHandler(alloc, remote.getHostString(), remote.getPort());
        if (verifyHostname) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return handler;
    }
}
