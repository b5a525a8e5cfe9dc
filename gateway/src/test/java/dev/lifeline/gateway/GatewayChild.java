package dev.lifeline.gateway;

import dev.lifeline.sip.transport.Transport;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A gateway in a child JVM, for the kill -9 test: starts on the storage directory given as the
 * only argument, prints "UDP port" then "READY", and runs until it is killed.
 */
public final class GatewayChild {

    private GatewayChild() {
    }

    public static void main(String[] args) throws Exception {
        Gateway gateway = Gateway.start(TestSites.config(Path.of(args[0])));
        int port = gateway.listenPoints().stream().filter(p -> p.transport() == Transport.UDP)
                .findFirst().orElseThrow().address().getPort();
        System.out.println("UDP " + port);
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // until SIGKILL
    }
}
