package dev.lifeline.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {

    private final FakeScheduler scheduler = new FakeScheduler(Instant.EPOCH);

    @Test
    void runsTasksInDueOrderAtTheirVirtualTime() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + scheduler.elapsedMillis()));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + scheduler.elapsedMillis()));

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a@1000", "b@2000");
        assertThat(scheduler.elapsedMillis()).isEqualTo(5_000);
    }

    @Test
    void cancelledTasksNeverRunAndTasksMayScheduleTasks() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("x")).cancel();
        scheduler.schedule(Duration.ofSeconds(1),
                () -> scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("chained@" + scheduler.elapsedMillis())));

        scheduler.advance(Duration.ofSeconds(3));

        assertThat(ran).containsExactly("chained@2000");
        assertThat(scheduler.pending()).isZero();
    }
}
