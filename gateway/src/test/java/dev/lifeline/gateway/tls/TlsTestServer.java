package dev.lifeline.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A JDK TLS server on 127.0.0.1, an ephemeral port, presenting one chain to each connection in turn. */
final class TlsTestServer implements AutoCloseable {

    final List<InetAddress> peers = new CopyOnWriteArrayList<>();
    private final SSLServerSocket socket;
    private final Thread acceptor;

    private TlsTestServer(SSLServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("tls-test-server").start(this::serve);
    }

    static TlsTestServer presenting(TestCertificates.Issued issued) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", issued.keys().getPrivate(), password, issued.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        return new TlsTestServer(server);
    }

    /** The server's address carrying {@code host} as the name the certificate is checked against. */
    InetSocketAddress named(String host) throws IOException {
        return new InetSocketAddress(InetAddress.getByAddress(host, socket.getInetAddress().getAddress()), socket.getLocalPort());
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket accepted = socket.accept()) {
                peers.add(accepted.getInetAddress());
                accepted.setSoTimeout(5_000);
                ((SSLSocket) accepted).startHandshake();
                InputStream in = accepted.getInputStream();
                in.read(); // until the checker closes
            } catch (IOException e) {
                // a refused handshake or a closed server socket: next connection, or the loop ends
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5_000);
    }
}
