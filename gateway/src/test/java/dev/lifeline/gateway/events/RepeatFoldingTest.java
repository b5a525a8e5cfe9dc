package dev.lifeline.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatFoldingTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);

    final RepeatFolding folding = new RepeatFolding(WINDOW, 4);

    static Event rejected(Instant at, String ip, int port) {
        return new Event.RegistrationRejected(at, "1001", Transport.UDP, new InetSocketAddress(ip, port), 403, "wrong password");
    }

    @Test
    void repeatsFromOneSourceWithinTheWindowFoldIntoTheFirst() {
        assertThat(folding.offer(rejected(T0, "203.0.113.9", 5060))).isInstanceOf(RepeatFolding.Insert.class);
        // Another port of the same address is the same source: attackers rotate ports for free.
        assertThat(folding.offer(rejected(T0.plusSeconds(1), "203.0.113.9", 40000))).isInstanceOf(RepeatFolding.Folded.class);
        assertThat(folding.offer(rejected(T0.plusSeconds(59), "203.0.113.9", 5060))).isInstanceOf(RepeatFolding.Folded.class);

        List<RepeatFolding.Count> due = folding.due(T0.plusSeconds(30));
        assertThat(due).singleElement().satisfies(c -> {
            assertThat(c.count()).isEqualTo(3);
            assertThat(c.last()).isEqualTo(T0.plusSeconds(59));
        });
    }

    @Test
    void theWindowEndsAndTheNextRepeatOpensARow() {
        folding.offer(rejected(T0, "203.0.113.9", 5060));
        folding.offer(rejected(T0.plusSeconds(10), "203.0.113.9", 5060));

        assertThat(folding.offer(rejected(T0.plus(WINDOW), "203.0.113.9", 5060))).isInstanceOf(RepeatFolding.Insert.class);
        // The closed row's count is still due once.
        assertThat(folding.due(T0.plus(WINDOW))).extracting(RepeatFolding.Count::count).containsExactly(2L);
    }

    @Test
    void countsAlreadyWrittenAreNotDueAgain() {
        folding.offer(rejected(T0, "203.0.113.9", 5060));
        folding.offer(rejected(T0, "203.0.113.9", 5060));
        List<RepeatFolding.Count> due = folding.due(T0);
        due.forEach(folding::written);

        assertThat(folding.due(T0.plusSeconds(1))).isEmpty();
        folding.offer(rejected(T0.plusSeconds(2), "203.0.113.9", 5060));
        assertThat(folding.due(T0.plusSeconds(3))).extracting(RepeatFolding.Count::count).containsExactly(3L);
    }

    @Test
    void onlyEventsAnyoneCanCauseFold() {
        Event started = new Event.CallStarted(T0, "c1", "1001", "1002", "internal");

        assertThat(folding.offer(started)).isEqualTo(new RepeatFolding.Insert(java.util.Optional.empty()));
        assertThat(folding.offer(started)).isEqualTo(new RepeatFolding.Insert(java.util.Optional.empty()));
        Event failed = new Event.AuthenticationFailed(T0, "INVITE", "1001", Transport.UDP,
                new InetSocketAddress("203.0.113.9", 5060), "wrong password");
        assertThat(folding.offer(failed)).isInstanceOf(RepeatFolding.Insert.class);
        assertThat(folding.offer(failed)).isInstanceOf(RepeatFolding.Folded.class);
        // A different kind from the same source is a row of its own.
        assertThat(folding.offer(rejected(T0, "203.0.113.9", 5060))).isInstanceOf(RepeatFolding.Insert.class);
    }

    @Test
    void spoofedSourcesBeyondTheLimitShareOneRowPerKind() {
        int inserts = 0;
        for (int i = 0; i < 1000; i++) {
            if (folding.offer(rejected(T0.plusMillis(i), "198.51." + (i / 250) + "." + (i % 250), 5060))
                    instanceof RepeatFolding.Insert insert) {
                inserts++;
                if (i >= 4) {
                    assertThat(insert.row()).hasValueSatisfying(r -> assertThat(r.manySources()).isTrue());
                }
            }
        }

        assertThat(inserts).isEqualTo(4 + 1);
        assertThat(folding.due(T0.plusSeconds(1))).extracting(RepeatFolding.Count::count).containsExactly(996L);
    }
}
