package dev.lifeline.gateway.calls;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where finished calls are kept. {@link #save} never blocks the caller on I/O. */
public interface CallRecordStore {

    /** Queues the record; the stage completes once it is durable. */
    CompletionStage<Void> save(CallRecord record);

    /** The most recent {@code limit} calls, newest first. */
    List<CallRecord> recent(int limit);
}
