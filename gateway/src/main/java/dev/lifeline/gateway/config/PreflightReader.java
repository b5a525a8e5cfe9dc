package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code preflight:}: the NAT timeouts and the UPS that {@code lifeline check} judges against. */
final class PreflightReader {

    static final List<String> KEYS = List.of("natTimeouts", "ups", "outageTarget");
    /** NUT's names: {@code upsname@host[:port]}; the host part must not start a command-line option. */
    private static final Pattern UPS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}@[A-Za-z0-9\\[][A-Za-z0-9_.:\\[\\]-]{0,254}");

    private final Problems problems;

    PreflightReader(Problems problems) {
        this.problems = problems;
    }

    /** @param paths the configured paths, for checking that natTimeouts names only them (and lan) */
    PreflightSettings read(Section top, List<WanPath> paths) {
        return top.section("preflight", KEYS).map(s -> {
            int before = problems.count();
            Map<String, Duration> nat = natTimeouts(s, paths);
            Optional<String> ups = s.optional("ups", PreflightReader::ups);
            Optional<Duration> target = s.optional("outageTarget", Scalars::positiveDuration);
            if (ups.isPresent() && target.isEmpty() && !s.has("outageTarget")) {
                s.missing("outageTarget", "how long the site must run on battery when ups is given, e.g. 2h");
            }
            if (target.isPresent() && ups.isEmpty() && !s.has("ups")) {
                s.problem("outageTarget", "needs ups, the NUT UPS whose runtime is judged, e.g. ups: ups@127.0.0.1");
            }
            if (problems.count() > before) {
                return null;
            }
            return new PreflightSettings(nat, ups, target);
        }).orElse(PreflightSettings.DEFAULT);
    }

    private Map<String, Duration> natTimeouts(Section s, List<WanPath> paths) {
        Map<String, Duration> result = new LinkedHashMap<>();
        Optional<Section> table = s.table("natTimeouts");
        if (table.isEmpty()) {
            return result;
        }
        List<String> names = paths.stream().map(WanPath::name).toList();
        for (YamlNode.Entry e : table.get().entries()) {
            String key = e.key();
            if (!key.equals(PreflightSettings.LAN) && !names.contains(key)) {
                problems.add(e.keyMark(), table.get().path(key), "is neither 'lan' nor a path; expected lan or one of "
                        + names + ", e.g. natTimeouts: {lan: 60s, wan1: 30s}");
                continue;
            }
            table.get().value(e, Scalars::positiveDuration).ifPresent(d -> result.put(key, d));
        }
        return result;
    }

    private static String ups(String text) {
        String t = text.strip();
        if (!UPS.matcher(t).matches()) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a NUT UPS name; expected upsname@host[:port],"
                    + " e.g. ups@127.0.0.1 (as upsc takes it)");
        }
        return t;
    }
}
