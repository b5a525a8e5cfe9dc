package dev.lifeline.gateway.metrics;

import java.util.Locale;

/**
 * How the gateway's words become metric values and labels: states as the documented numbers,
 * free-text reasons and routes as a small fixed set of label values (a label value must not
 * carry a figure or a name from the network, or every distinct text becomes a new series).
 * Pure functions, tested on their own.
 */
final class MetricLabels {

    private MetricLabels() {
    }

    /** {@code lifeline_path_state}: 0 down, 1 up, 2 recovering (healthy again, inside its hold-down); NaN unknown. */
    static double pathState(String state) {
        return switch (state) {
            case "down" -> 0;
            case "up" -> 1;
            case "recovering" -> 2;
            default -> Double.NaN;
        };
    }

    /**
     * {@code lifeline_trunk_state}, as Asterisk's {@code pjsip_outbound_registration_status}:
     * 0 unregistered (not registered yet, registering, stopped), 1 registered (or, for a
     * probe-only trunk, answering OPTIONS), 2 rejected (the last REGISTER or probe failed).
     */
    static double trunkState(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "registered", "available" -> 1;
            case "failing", "unavailable" -> 2;
            default -> 0;
        };
    }

    /** {@code lifeline_certificate_severity}: 0 ok, 1 warning, 2 critical, 3 invalid. */
    static double certificateSeverity(String severity) {
        return switch (severity) {
            case "ok" -> 0;
            case "warning" -> 1;
            case "critical" -> 2;
            default -> 3;
        };
    }

    /** A call's route as the kind label: internal, group, trunk, emergency or rejected ("other" for anything new). */
    static String routeKind(String route) {
        String first = route.split(" ", 2)[0];
        return switch (first) {
            case "internal", "group", "trunk", "emergency", "rejected" -> first;
            default -> "other";
        };
    }

    /** The trunk a route goes out on ("trunk provider", "emergency via provider"), "" for none. */
    static String routeTrunk(String route) {
        if (route.startsWith("trunk ")) {
            return route.substring("trunk ".length());
        }
        if (route.startsWith("emergency via ")) {
            return route.substring("emergency via ".length());
        }
        return "";
    }

    /**
     * A finished call's outcome from the final status the caller got: answered (2xx), busy
     * (486, 600), declined (603), cancelled (487), no_answer (408, 480), rejected (other 4xx),
     * failed (5xx, other 6xx, none).
     */
    static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "answered";
        }
        return switch (status) {
            case 486, 600 -> "busy";
            case 603 -> "declined";
            case 487 -> "cancelled";
            case 408, 480 -> "no_answer";
            default -> status >= 400 && status < 500 ? "rejected" : "failed";
        };
    }

    /**
     * Why the active path changed, from the {@code ActivePathChanged} event: start (the preferred
     * path taken at start), failback (back to a preferred path that recovered), recovered (a path
     * back after survival mode), all_down (survival mode), or for a failover what took the path
     * down: probes_silent, options_failed, quality_floor, media_silent; other when none fits.
     */
    static String switchReason(String from, String to, String reason) {
        if (to.isEmpty()) {
            return "all_down";
        }
        if (reason.contains("assumed up at start")) {
            return "start";
        }
        if (reason.startsWith("failback")) {
            return "failback";
        }
        if (from.isEmpty()) {
            return "recovered";
        }
        return downReason(reason);
    }

    /** What took a path down, by the policy's wording; the first cause named wins. */
    static String downReason(String reason) {
        record Cause(String text, String label) {
        }
        java.util.List<Cause> causes = java.util.List.of(new Cause("no audio from the provider", "media_silent"),
                new Cause("quality probes silent", "probes_silent"), new Cause("OPTIONS", "options_failed"),
                new Cause("below floor", "quality_floor"));
        int best = Integer.MAX_VALUE;
        String label = "other";
        for (Cause c : causes) {
            int at = reason.indexOf(c.text());
            if (at >= 0 && at < best) {
                best = at;
                label = c.label();
            }
        }
        return label;
    }
}
