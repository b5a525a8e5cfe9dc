package dev.lifeline.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The whole gateway in a child JVM, for the kernel-level {@code interface:} test: starts on the
 * storage directory and site file given, prints "READY" (or "FAILED: " and the start error, then
 * exits 3), and runs until it is stopped.
 */
public final class PinnedGatewayChild {

    private PinnedGatewayChild() {
    }

    public static void main(String[] args) throws Exception {
        Gateway gateway;
        try {
            gateway = Gateway.start(TestSites.config(Path.of(args[0]), Files.readString(Path.of(args[1]))));
        } catch (GatewayStartException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("READY");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        new CountDownLatch(1).await(); // until stopped
    }
}
