package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Captures every send with its virtual time; can be told to fail like a broken transport. */
final class RecordingSender implements MessageSender<String> {

    record Sent(long atMillis, SipMessage message, String destination) {
        String describe() {
            return switch (message) {
                case SipRequest r -> r.method();
                case SipResponse r -> Integer.toString(r.status());
            };
        }
    }

    private final FakeScheduler clock;
    private final List<Sent> sent = new ArrayList<>();
    private boolean failing;

    RecordingSender(FakeScheduler clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> send(SipMessage message, String destination) {
        sent.add(new Sent(clock.elapsedMillis(), message, destination));
        return failing
                ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                : CompletableFuture.completedFuture(null);
    }

    void failFromNowOn() {
        failing = true;
    }

    List<Sent> sent() {
        return sent;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** Virtual times of the sends whose method or status reads {@code what}. */
    List<Long> timesOf(String what) {
        return sent.stream().filter(s -> s.describe().equals(what)).map(Sent::atMillis).toList();
    }
}
