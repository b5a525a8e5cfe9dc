package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.calls.CallRecord;
import dev.lifeline.gateway.calls.CallRecordStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Call records in memory. */
public final class FakeCallRecordStore implements CallRecordStore {

    private final List<CallRecord> records = new ArrayList<>();

    @Override
    public synchronized CompletionStage<Void> save(CallRecord record) {
        records.add(record);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<CallRecord> recent(int limit) {
        List<CallRecord> newestFirst = new ArrayList<>(records);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }
}
