package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Captures TU callbacks as readable lines, e.g. "response 180" or "timeout". */
final class RecordingUser implements TransactionUser<String> {

    private final FakeScheduler clock;
    private final List<String> calls = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private BiConsumer<TransactionKey, SipRequest> onRequest = (key, request) -> { };
    TransactionKey lastServerKey;

    RecordingUser(FakeScheduler clock) {
        this.clock = clock;
    }

    /** What to do when a request arrives, e.g. answer from inside the callback. */
    void whenRequest(BiConsumer<TransactionKey, SipRequest> reaction) {
        onRequest = reaction;
    }

    @Override
    public void onRequest(TransactionKey key, SipRequest request, String source) {
        lastServerKey = key;
        record("request " + request.method());
        onRequest.accept(key, request);
    }

    @Override
    public void onAck(SipRequest ack, String source) {
        record("ack");
    }

    @Override
    public void onResponse(TransactionKey key, SipResponse response) {
        record("response " + response.status());
    }

    @Override
    public void onStrayResponse(SipResponse response, String source) {
        record("stray " + response.status());
    }

    @Override
    public void onTimeout(TransactionKey key) {
        record("timeout");
    }

    @Override
    public void onTransportError(TransactionKey key) {
        record("transport error");
    }

    List<String> calls() {
        return calls;
    }

    /** Virtual time of the first call reading {@code call}. */
    long timeOf(String call) {
        return times.get(calls.indexOf(call));
    }

    private void record(String call) {
        calls.add(call);
        times.add(clock.elapsedMillis());
    }
}
