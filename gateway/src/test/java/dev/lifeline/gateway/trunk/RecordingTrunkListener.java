package dev.lifeline.gateway.trunk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every state a trunk reported, in order. */
final class RecordingTrunkListener implements TrunkListener {

    final List<TrunkState> states = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(TrunkState state) {
        states.add(state);
    }

    List<TrunkStatus> statuses() {
        return states.stream().map(TrunkState::status).toList();
    }

    /** The statuses with repeats folded, e.g. REGISTERING, REGISTERED, FAILING, REGISTERED. */
    List<TrunkStatus> transitions() {
        List<TrunkStatus> out = new java.util.ArrayList<>();
        for (TrunkStatus s : statuses()) {
            if (out.isEmpty() || out.get(out.size() - 1) != s) {
                out.add(s);
            }
        }
        return out;
    }
}
