package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.sip.uri.Uri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One keepalive pass, planned: one keepalive per distinct flow (several bindings behind one NAT
 * mapping share it), spread evenly across the interval so that a site of a thousand phones does
 * not send a thousand packets in the same millisecond.
 */
public final class KeepalivePlan {

    /**
     * A keepalive to send {@code offset} after the pass starts.
     *
     * @param contact the Contact of one binding on that flow, the Request-URI of an OPTIONS
     */
    public record Item(Duration offset, Flow flow, Uri contact) {
    }

    private KeepalivePlan() {
    }

    public static List<Item> plan(List<Binding> bindings, Duration interval) {
        Map<Flow, Uri> flows = new LinkedHashMap<>();
        for (Binding b : bindings) {
            flows.putIfAbsent(b.flow(), b.contact());
        }
        List<Item> items = new ArrayList<>(flows.size());
        long step = flows.isEmpty() ? 0 : interval.toNanos() / flows.size();
        int i = 0;
        for (Map.Entry<Flow, Uri> e : flows.entrySet()) {
            items.add(new Item(Duration.ofNanos(step * i++), e.getKey(), e.getValue()));
        }
        return items;
    }
}
