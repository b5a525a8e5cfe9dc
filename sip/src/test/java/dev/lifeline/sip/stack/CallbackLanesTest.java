package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackLanesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final CallbackLanes lanes = new CallbackLanes("lanes-test", nanos::get);
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        lanes.shutdown();
        lanes.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Holds the callback thread until {@link #release} so that work queues up behind it. */
    private void blockTheThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        lanes.urgent(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private void drain(int expected) throws InterruptedException {
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ran.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void ownWorkRunsFirstThenRequestsThatGoFirstThenTheRestInArrivalOrder() throws InterruptedException {
        blockTheThread();
        for (int i = 0; i < 5; i++) {
            String name = "register-" + i;
            lanes.request(() -> ran.add(name));
        }
        lanes.request(() -> ran.add("emergency"), true);
        lanes.urgent(() -> ran.add("probe answer"));

        drain(7);

        assertThat(ran).containsExactly("probe answer", "emergency", "register-0", "register-1", "register-2",
                "register-3", "register-4");
    }

    @Test
    void onlyAFewRequestsMayGoFirstSoAFloodOfThemCannotStarveTheOthers() throws InterruptedException {
        blockTheThread();
        lanes.request(() -> ran.add("register"));
        int claims = CallbackLanes.FIRST_LANE_MAX + 4;
        for (int i = 0; i < claims; i++) {
            String name = "first-" + i;
            lanes.request(() -> ran.add(name), true);
        }

        drain(claims + 1);

        assertThat(ran.indexOf("register")).isEqualTo(CallbackLanes.FIRST_LANE_MAX);
        assertThat(ran).hasSize(claims + 1);
    }

    @Test
    void theLoadSignalIsTheOldestWaitOfTheRequestLane() throws InterruptedException {
        blockTheThread();
        lanes.request(() -> ran.add("register"));
        nanos.addAndGet(Duration.ofMillis(150).toNanos());
        lanes.request(() -> ran.add("emergency"), true);

        AdmissionControl.Load load = lanes.load(7);

        assertThat(load.waiting()).isEqualTo(1);
        assertThat(load.oldestWait()).isEqualTo(Duration.ofMillis(150));
        assertThat(load.inProgress()).isEqualTo(7);
    }
}
