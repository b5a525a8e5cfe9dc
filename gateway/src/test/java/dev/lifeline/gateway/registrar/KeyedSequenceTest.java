package dev.lifeline.gateway.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KeyedSequenceTest {

    private final KeyedSequence sequence = new KeyedSequence();
    private final List<String> started = new ArrayList<>();

    private CompletableFuture<String> step(String name, CompletableFuture<String> finish) {
        started.add(name);
        return finish;
    }

    @Test
    void sameKeyWaitsForThePreviousWorkToFinish() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> a = sequence.run("1001", () -> step("a", first));
        CompletableFuture<String> b = sequence.run("1001", () -> step("b", CompletableFuture.completedFuture("b")));

        assertThat(started).containsExactly("a");
        first.complete("a");

        assertThat(started).containsExactly("a", "b");
        assertThat(a).isCompletedWithValue("a");
        assertThat(b).isCompletedWithValue("b");
        assertThat(sequence.active()).isZero();
    }

    @Test
    void otherKeysRunAtOnce() {
        sequence.run("1001", () -> step("a", new CompletableFuture<>()));
        sequence.run("1002", () -> step("b", new CompletableFuture<>()));

        assertThat(started).containsExactly("a", "b");
        assertThat(sequence.active()).isEqualTo(2);
    }

    @Test
    void aFailureDoesNotBlockTheNext() {
        CompletableFuture<String> a = sequence.run("1001", () -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> b = sequence.run("1001", () -> step("b", CompletableFuture.completedFuture("b")));

        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedWithValue("b");
    }
}
