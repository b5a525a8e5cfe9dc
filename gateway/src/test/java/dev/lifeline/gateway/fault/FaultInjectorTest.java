package dev.lifeline.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.RecordingEventSink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The injector's decisions on a fake clock: what a cut or a loss drops, deadlines, refusals, events. */
class FaultInjectorTest {

    private static final InetAddress WAN1 = ip("127.0.0.11");
    private static final InetAddress WAN2 = ip("127.0.0.12");
    private static final InetSocketAddress WAN1_SIP = new InetSocketAddress(WAN1, 5060);
    private static final InetSocketAddress WAN2_SIP = new InetSocketAddress(WAN2, 5060);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-05T02:00:00Z"));
    private final RecordingEventSink events = new RecordingEventSink();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FaultInjector injector = new FaultInjector(
            List.of(new WanPath("wan1", WAN1, Optional.empty(), List.of(), 1),
                    new WanPath("wan2", WAN2, Optional.empty(), List.of(), 2)),
            "call-1@site"::equals, events, clock, new SplittableRandom(7), timers);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void aPathCutDropsEveryPacketOnThatPathOnlyUntilItsDeadline() {
        FaultInjector.Outcome o = injector.cutPath("wan1", Duration.ofSeconds(20));

        assertThat(o).isInstanceOf(FaultInjector.Started.class);
        assertThat(injector.passes(WAN1_SIP)).isFalse();
        assertThat(injector.passes(new InetSocketAddress(WAN1, 14_000), "any call", false)).isFalse();
        assertThat(injector.passes(WAN2_SIP)).isTrue();
        clock.advance(Duration.ofSeconds(19));
        assertThat(injector.passes(WAN1_SIP)).isFalse();
        // Past the deadline the gate opens even before the timer has ended the fault.
        clock.advance(Duration.ofSeconds(1));
        assertThat(injector.passes(WAN1_SIP)).isTrue();
    }

    @Test
    void theTimerEndsAFaultAtItsDeadlineWithATypedEvent() {
        FaultInjector.Started started = (FaultInjector.Started) injector.cutPath("wan2", Duration.ofSeconds(1));

        await().atMost(5, TimeUnit.SECONDS).until(() -> injector.active().isEmpty());

        assertThat(events.events()).extracting(Event::type).containsExactly("FaultStarted", "FaultEnded");
        Event.FaultStarted s = events.ofType(Event.FaultStarted.class).get(0);
        assertThat(s.kind()).isEqualTo("path-cut");
        assertThat(s.target()).isEqualTo("wan2");
        assertThat(s.until()).isEqualTo(clock.instant().plusSeconds(1));
        Event.FaultEnded e = events.ofType(Event.FaultEnded.class).get(0);
        assertThat(e.id()).isEqualTo(started.fault().id());
        assertThat(e.reason()).isEqualTo("deadline");
    }

    @Test
    void mediaLossDropsAboutTheShareAskedOfThatCallOnly() {
        injector.loseMedia("call-1@site", 20, Duration.ofSeconds(30));
        InetSocketAddress lan = new InetSocketAddress(ip("127.0.0.1"), 12_000);

        int dropped = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!injector.passes(lan, "call-1@site", true)) {
                dropped++;
            }
        }
        assertThat(dropped).isBetween(1_800, 2_200);
        for (int i = 0; i < 1_000; i++) {
            assertThat(injector.passes(lan, "another call", true)).isTrue();
            assertThat(injector.passes(lan, "call-1@site", false)).as("drawn once, on the way in").isTrue();
        }
        assertThat(injector.passes(WAN1_SIP)).isTrue();
    }

    @Test
    void refusesWhatItCannotDoSafely() {
        assertThat(refusal(injector.cutPath("wan9", Duration.ofSeconds(5)))).satisfies(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.message()).contains("wan9").contains("wan1");
        });
        assertThat(refusal(injector.cutPath("wan1", Duration.ofHours(1))).status()).isEqualTo(400);
        assertThat(refusal(injector.cutPath("wan1", Duration.ZERO)).status()).isEqualTo(400);
        assertThat(refusal(injector.loseMedia("someone-else's-call", 10, Duration.ofSeconds(5))).status())
                .isEqualTo(404);
        assertThat(refusal(injector.loseMedia("call-1@site", 0, Duration.ofSeconds(5))).status()).isEqualTo(400);
        injector.cutPath("wan1", Duration.ofSeconds(5));
        assertThat(refusal(injector.cutPath("wan1", Duration.ofSeconds(5))).status()).isEqualTo(409);
        assertThat(injector.active()).hasSize(1);
    }

    @Test
    void closingEndsEveryActiveFault() {
        injector.cutPath("wan1", Duration.ofSeconds(60));
        injector.loseMedia("call-1@site", 10, Duration.ofSeconds(60));

        injector.close();

        assertThat(injector.active()).isEmpty();
        assertThat(injector.passes(WAN1_SIP)).isTrue();
        assertThat(events.ofType(Event.FaultEnded.class)).extracting(Event.FaultEnded::reason)
                .containsExactly("gateway stopping", "gateway stopping");
    }

    private static FaultInjector.Refusal refusal(FaultInjector.Outcome o) {
        assertThat(o).isInstanceOf(FaultInjector.Refused.class);
        return ((FaultInjector.Refused) o).refusal();
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
