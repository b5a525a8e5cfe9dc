package dev.lifeline.gateway.fault;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults active now: a pure value, changed by returning a new book. Questions take the
 * moment they are asked at, so a fault past its deadline no longer acts even before the timer
 * that ends it has run.
 */
public record FaultBook(List<Fault> faults) {

    public static final FaultBook EMPTY = new FaultBook(List.of());

    public FaultBook {
        faults = List.copyOf(faults);
    }

    public FaultBook with(Fault fault) {
        List<Fault> next = new ArrayList<>(faults);
        next.add(fault);
        return new FaultBook(next);
    }

    public FaultBook without(String id) {
        return new FaultBook(faults.stream().filter(f -> !f.id().equals(id)).toList());
    }

    public Optional<Fault> find(String id) {
        return faults.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The faults whose deadline has come at {@code now}. */
    public List<Fault> due(Instant now) {
        return faults.stream().filter(f -> !f.activeAt(now)).toList();
    }

    /** Whether a path cut on {@code address} is in force at {@code now}. */
    public boolean cuts(InetAddress address, Instant now) {
        for (Fault f : faults) {
            if (f instanceof Fault.PathCut cut && cut.address().equals(address) && f.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    /** The share of {@code callId}'s media to drop at {@code now}, 0 to 100. */
    public int lossPercent(String callId, Instant now) {
        int percent = 0;
        for (Fault f : faults) {
            if (f instanceof Fault.MediaLoss loss && loss.callId().equals(callId) && f.activeAt(now)) {
                percent = Math.max(percent, loss.percent());
            }
        }
        return percent;
    }

    /** Whether a fault of the same kind already acts on the same target at {@code now}. */
    public boolean busy(Fault fault, Instant now) {
        return faults.stream().anyMatch(f -> f.kind().equals(fault.kind()) && f.target().equals(fault.target())
                && f.activeAt(now));
    }
}
