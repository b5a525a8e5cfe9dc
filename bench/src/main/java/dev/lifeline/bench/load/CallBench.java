package dev.lifeline.bench.load;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.sip.transport.TransportException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code lifeline bench calls}: internal calls with RTP both ways through a real gateway (edge
 * with digest, B2BUA, media relay, call records in SQLite) and, in the same run, the same calls
 * straight between the phones. The ratio is the gateway's cost per call and per packet.
 */
public final class CallBench {

    /**
     * @param calls      calls per side at most
     * @param concurrent calls up at once (pairs of phones)
     * @param hold       how long each call sends media before the BYE
     * @param duration   time per side in which calls are started
     */
    public record Options(int calls, int concurrent, Duration hold, Duration duration) {

        public static Options defaults() {
            return new Options(800, 100, Duration.ofSeconds(2), Duration.ofSeconds(20));
        }

        CallLoad.Settings settings() {
            return new CallLoad.Settings(calls, concurrent, hold, duration);
        }

        /** One short call per pair, to load the classes and warm the JIT on both paths. */
        CallLoad.Settings warmup() {
            return new CallLoad.Settings(concurrent, concurrent, Duration.ofMillis(200), Duration.ofSeconds(5));
        }
    }

    public record Report(Options options, CallLoad.Result gateway, CallLoad.Result direct) {

        public double callRatio() {
            return gateway.setupsPerSecond() / direct.setupsPerSecond();
        }

        public double rtpRatio() {
            return gateway.rtpPerSecond() / direct.rtpPerSecond();
        }
    }

    private CallBench() {
    }

    public static Report run(Options o, PrintStream out) throws Exception {
        out.printf("Calls with media: %d calls per side, %d at once, %d ms of RTP each way (20 ms packets), "
                + "at most %d s per side%n", o.calls(), o.concurrent(), o.hold().toMillis(), o.duration().toSeconds());
        try (TempStorage storage = new TempStorage("lifeline-bench-calls");
             Gateway gateway = Gateway.start(BenchSite.config(CallLoad.phones(o.settings()), storage.resolve("gateway")))) {
            CallLoad.Route viaGateway = new CallLoad.Route.ViaGateway(RegistrationBench.udpAddress(gateway));
            CallLoad.Route direct = new CallLoad.Route.Direct();
            side(o.warmup(), viaGateway, out, "warm-up, gateway");
            side(o.warmup(), direct, out, "warm-up, direct");
            CallLoad.Result throughGateway = side(o.settings(), viaGateway, out, "through the gateway");
            CallLoad.Result straight = side(o.settings(), direct, out, "direct");
            Report report = new Report(o, throughGateway, straight);
            print(report, out);
            return report;
        }
    }

    private static CallLoad.Result side(CallLoad.Settings s, CallLoad.Route route, PrintStream out, String label)
            throws TransportException, IOException {
        try (CallLoad load = new CallLoad(s, route)) {
            load.registerCallees();
            return load.run(out, label);
        }
    }

    private static void print(Report r, PrintStream out) {
        out.println();
        out.printf("%-30s %8s %8s %9s %8s %8s %11s %7s %7s%n", "calls (INVITE..BYE, RTP)", "calls/s", "peak up",
                "setup p50", "p95", "p99", "RTP pkt/s", "loss %", "failed");
        row(out, "through the gateway (B2BUA)", r.gateway());
        row(out, "direct, phone to phone (peer)", r.direct());
        out.printf("gateway / direct: %.2fx call setups/s, %.2fx RTP packets/s; setup p50 %.2f ms vs %.2f ms%n",
                r.callRatio(), r.rtpRatio(), r.gateway().setup().p50(), r.direct().setup().p50());
        long failed = r.gateway().failed() + r.direct().failed();
        out.printf("Verdict: through the B2BUA, every packet relayed, the gateway sets up %.1f calls/s with %d up at once"
                        + " (%.0f %% of the direct rate; setup p50 +%.1f ms) and relays %.0f RTP packets/s with %.2f %% loss%s.%n",
                r.gateway().setupsPerSecond(), r.gateway().peakConcurrent(), 100 * r.callRatio(),
                r.gateway().setup().p50() - r.direct().setup().p50(), r.gateway().rtpPerSecond(), r.gateway().lossPercent(),
                failed == 0 ? "; no call failed" : "; " + failed + " calls failed");
        out.println("(the call rate is bounded by --concurrent / --hold; raise --concurrent to look for the gateway's limit)");
    }

    private static void row(PrintStream out, String name, CallLoad.Result c) {
        out.printf("%-30s %8.1f %8d %9.2f %8.2f %8.2f %11.0f %7.2f %7d%n", name, c.setupsPerSecond(), c.peakConcurrent(),
                c.setup().p50(), c.setup().p95(), c.setup().p99(), c.rtpPerSecond(), c.lossPercent(), c.failed());
    }
}
