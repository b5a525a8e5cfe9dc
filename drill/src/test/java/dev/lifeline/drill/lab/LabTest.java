package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.phone.CallResult;
import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.media.quality.PlayoutQuality;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab built from examples/site.yaml: every phone registers, the trunk registers over wan1,
 * and a call's audio runs through wan1's emulator — blackholing wan1 silences it until the
 * gateway has moved the call to wan2, and the phone measures that gap.
 */
class LabTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    void aCallsAudioFollowsThePathAndThePhoneMeasuresTheGap() throws Exception {
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { })) {
            assertThat(lab.registerPhones(WAIT)).isEqualTo(10);
            await().atMost(WAIT).until(() -> registeredFrom(lab, "wan1", Instant.EPOCH));

            PhoneCall call = lab.phone("1001").orElseThrow().call("915550123", lab.gatewaySip());
            assertThat(call.answered().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1500);
            PlayoutQuality before = call.qualitySoFar().toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(before.mos()).isGreaterThan(4.0);

            Instant cut = lab.wan("wan1").blackhole(true);
            await().atMost(WAIT).until(() -> registeredFrom(lab, "wan2", cut));
            Thread.sleep(2000);
            CallResult result = call.hangUp().toCompletableFuture().get(10, TimeUnit.SECONDS);

            Duration gap = result.quality().orElseThrow().audioGap();
            System.out.printf("lab: audio gap %d ms across the failover, MOS %.2f before, %.2f over the call%n",
                    gap.toMillis(), before.mos(), result.quality().orElseThrow().mos());
            assertThat(gap).isGreaterThan(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static boolean registeredFrom(Lab lab, String path, Instant after) {
        return lab.provider().observations(ProviderObservation.RegisterAccepted.class).stream()
                .anyMatch(r -> r.source().getAddress().equals(lab.wan(path).publicAddress()) && r.at().isAfter(after));
    }
}
