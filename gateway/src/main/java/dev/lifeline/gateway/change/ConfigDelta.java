package dev.lifeline.gateway.change;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Secret;
import dev.lifeline.gateway.config.SiteConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a new configuration changes against the one in force, split into what the running
 * gateway takes at once and what needs a restart. Fields are named the way the YAML file names
 * them, with list indexes: {@code listen[0].address}, {@code paths[1].bind}.
 *
 * @param hot     changed {@link #HOT_FIELDS} the gateway applies while running, in file order
 * @param restart changed fields that only a restart applies, in file order
 */
public record ConfigDelta(List<String> hot, List<String> restart) {

    /**
     * What the running gateway reads on every decision, so swapping it is safe with calls and
     * registrations up: credentials (the next REGISTER or INVITE is checked against the new
     * ones), groups, DIDs and the dial plan (the next call is routed by them; calls up keep their
     * legs; admission's emergency numbers follow), the preflight targets (read only by
     * {@code lifeline check}), admission control's limits, how long events are kept, and the
     * failover policy's thresholds (probe timing and confirmation bursts are scheduled at start).
     * A field is hot when it is one of these or inside one.
     */
    public static final List<String> HOT_FIELDS = List.of("extensions", "groups", "dids", "dialPlan", "preflight",
            "signalling.admission", "events.keepFor", "events.maxRows",
            // Failover thresholds: the policy is a pure function whose state carries over a swap.
            "failover.optionsFailuresToDown", "failover.rFloor", "failover.floorWindow", "failover.holdDown",
            "failover.preemptiveFailback", "failover.maxSwitches", "failover.switchWindow", "failover.silenceWindow");

    public ConfigDelta {
        hot = List.copyOf(hot);
        restart = List.copyOf(restart);
    }

    public static ConfigDelta between(SiteConfig current, SiteConfig next) {
        List<String> hot = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (RecordComponent c : SiteConfig.class.getRecordComponents()) {
            List<String> changed = new ArrayList<>();
            diff(c.getName(), value(c, current), value(c, next), changed);
            for (String field : changed) {
                Optional<String> hotField = HOT_FIELDS.stream().filter(h -> within(field, h)).findFirst();
                if (hotField.isEmpty()) {
                    restart.add(yamlName(field));
                } else if (!hot.contains(hotField.get())) {
                    hot.add(hotField.get());
                }
            }
        }
        return new ConfigDelta(hot, restart);
    }

    /**
     * The name the file uses where the records group keys differently: the {@code signalling:}
     * section is flat in YAML ({@code t1}, {@code tcpMaxConnections}) and nested in its record.
     */
    static String yamlName(String field) {
        String flat = YAML_NAMES.get(field);
        if (flat != null) {
            return flat;
        }
        return field.startsWith("signalling.timers.") ? "signalling." + field.substring("signalling.timers.".length()) : field;
    }

    private static final java.util.Map<String, String> YAML_NAMES = java.util.Map.of(
            "signalling.tcp.maxConnections", "signalling.tcpMaxConnections",
            "signalling.tcp.maxPerSource", "signalling.tcpMaxPerSource",
            "signalling.tcp.messageTimeout", "signalling.tcpMessageTimeout");

    private static boolean within(String field, String prefix) {
        return field.equals(prefix) || field.startsWith(prefix + ".") || field.startsWith(prefix + "[");
    }

    public boolean isEmpty() {
        return hot.isEmpty() && restart.isEmpty();
    }

    /** e.g. "needs a restart: listen[0].address, paths[1].bind" */
    public String restartMessage() {
        return "needs a restart: " + String.join(", ", restart);
    }

    private static void diff(String at, Object a, Object b, List<String> out) {
        if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
            if (oa.isPresent() && ob.isPresent()) {
                diff(at, oa.get(), ob.get(), out);
            } else if (oa.isPresent() != ob.isPresent()) {
                out.add(at);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
                if (i >= la.size() || i >= lb.size()) {
                    out.add(at + "[" + i + "]");
                } else {
                    diff(at + "[" + i + "]", la.get(i), lb.get(i), out);
                }
            }
        } else if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
            mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                diff(at + "." + key, byName(ma, key), byName(mb, key), out);
            }
        } else if (a instanceof Record ra && b instanceof Record rb && a.getClass() == b.getClass() && !isLeaf(a)) {
            for (RecordComponent c : ra.getClass().getRecordComponents()) {
                diff(at + "." + c.getName(), value(c, ra), value(c, rb), out);
            }
        } else if (!same(a, b)) {
            out.add(at);
        }
    }

    /** Values that a file writes as one scalar, so a change names them and not their parts. */
    private static boolean isLeaf(Object value) {
        return value instanceof HostPort || value instanceof Secret;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Pattern pa && b instanceof Pattern pb) {
            // Pattern has no value equality: two readings of the same file would differ.
            return pa.pattern().equals(pb.pattern()) && pa.flags() == pb.flags();
        }
        return Objects.equals(a, b);
    }

    private static Object byName(Map<?, ?> map, String key) {
        return map.entrySet().stream().filter(e -> String.valueOf(e.getKey()).equals(key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
