package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The runner's check of its call jobs once the timeline is over. */
class CallJobsTest {

    @Test
    void aJobThatThrewIsNamedWithItsMessage() {
        List<CompletableFuture<Object>> jobs = List.of(CompletableFuture.completedFuture(null),
                CompletableFuture.failedFuture(new IllegalStateException("no lab phone answers 1009")),
                CompletableFuture.failedFuture(new IllegalArgumentException("later one")));

        assertThat(ScenarioRun.firstFailure(jobs)).contains("IllegalStateException: no lab phone answers 1009");
    }

    @Test
    void jobsThatCompletedOrWereCancelledAtTheTimeoutAreNoFailure() {
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);

        assertThat(ScenarioRun.firstFailure(List.of(CompletableFuture.completedFuture(null), cancelled,
                new CompletableFuture<>()))).isEmpty();
    }

    @Test
    void theScenarioFailsWithTheJobsMessage() {
        ScenarioRun.JobFailed failed = new ScenarioRun.JobFailed("RejectedExecutionException: the timeline ended");

        assertThat(failed.getMessage()).isEqualTo(
                "a call job of the timeline failed: RejectedExecutionException: the timeline ended");
    }
}
