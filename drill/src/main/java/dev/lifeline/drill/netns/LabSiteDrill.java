package dev.lifeline.drill.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The lab's site file made ready for {@code lifeline drill --site}, as an operator would prepare
 * a real site for a maintenance window: the admin API may inject faults, and a {@code drill:}
 * section names a test extension (added when the site has none), its password, the number the
 * test call dials (the lab's far end, registered at the provider) and a DID the provider routes
 * back to the site and the site routes to the test extension. Pure text in, text out; applied
 * after {@link LabSite#rewrite}.
 */
public final class LabSiteDrill {

    /** The far end's number at the lab's provider (a baresip in inet that answers at once). */
    public static final String TEST_NUMBER = "+15557000";
    /** The DIDs the lab's provider routes to the site's trunk: its kamailio.cfg matches ^\+155501[09][0-9]$. */
    static final Pattern PROVIDER_DIDS = Pattern.compile("\\+155501[09][0-9]");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    /** What the drill is given in the lab; short faults so a run stays well under a few minutes. */
    /** The share of the test call's packets the lab's site drill drops. */
    public static final int LOSS_PERCENT = 10;

    public record Settings(String testExtension, String testPassword, String did, Duration cutFor, Duration lossFor) {
    }

    private LabSiteDrill() {
    }

    /** The extension, DID and lengths this lab site's drill will use, for a {@link LabSiteDrill#rewrite}. */
    public static Settings settings(String labSiteYaml, String testPassword, Duration cutFor, Duration lossFor) {
        ObjectNode root = parse(labSiteYaml);
        Set<String> numbers = new HashSet<>();
        root.path("extensions").forEach(e -> numbers.add(e.path("number").asText()));
        JsonNode drill = root.path("drill");
        String extension = drill.path("testExtension").asText("");
        if (extension.isEmpty() || !numbers.contains(extension)) {
            extension = IntStream.concat(IntStream.rangeClosed(1099, 1999), IntStream.rangeClosed(2000, 9999))
                    .mapToObj(Integer::toString).filter(n -> !numbers.contains(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the site file uses every 4-digit extension;"
                            + " the lab has none left for the drill's test phone"));
        }
        String chosen = extension;
        JsonNode dids = root.path("dids");
        Optional<String> own = Optional.of(drill.path("did").asText(""))
                .filter(d -> PROVIDER_DIDS.matcher(d).matches() && dids.path(d).asText().equals(chosen));
        String did = own.orElseGet(() -> IntStream.concat(IntStream.rangeClosed(90, 99), IntStream.rangeClosed(0, 9))
                .mapToObj(i -> String.format("+155501%02d", i))
                .filter(d -> !dids.has(d)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the site file uses every DID the lab's provider routes"
                        + " (+15550100-+15550109, +15550190-+15550199); the lab has none left for the drill")));
        return new Settings(extension, testPassword, did, cutFor, lossFor);
    }

    /** The site's first extension other than {@code testExtension} (the lab's LAN phone registers as it). */
    public static Optional<String> otherExtension(String siteYaml, String testExtension) {
        for (JsonNode e : parse(siteYaml).path("extensions")) {
            String n = e.path("number").asText("");
            if (!n.isEmpty() && !n.equals(testExtension)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * @param labSiteYaml the site file {@link LabSite#rewrite} generated
     * @return it with {@code admin.faultInjection: true}, the test extension (added, or its
     *         password set), the DID routed to it, and a {@code drill:} section for the lab
     */
    public static String rewrite(String labSiteYaml, Settings s) {
        ObjectNode root = parse(labSiteYaml);
        ArrayNode extensions = root.path("extensions").isArray() ? (ArrayNode) root.get("extensions")
                : root.putArray("extensions");
        ObjectNode ext = null;
        for (JsonNode e : extensions) {
            if (e.path("number").asText().equals(s.testExtension())) {
                ext = (ObjectNode) e;
            }
        }
        if (ext == null) {
            ext = extensions.addObject().put("number", s.testExtension()).put("name", "Drill test phone");
        }
        ext.remove(List.of("ha1", "ha1Algorithm"));
        ext.put("password", s.testPassword());
        ObjectNode dids = root.path("dids").isObject() ? (ObjectNode) root.get("dids") : root.putObject("dids");
        dids.put(s.did(), s.testExtension());

        ObjectNode admin = root.path("admin").isObject() ? (ObjectNode) root.get("admin") : root.putObject("admin");
        admin.put("faultInjection", true);
        ObjectNode drill = root.putObject("drill");
        drill.put("testExtension", s.testExtension()).put("testPassword", s.testPassword()).put("testNumber", TEST_NUMBER)
                .put("did", s.did()).put("phoneAddress", NetnsPlan.SITE_LAN)
                .put("cutFor", s.cutFor().toSeconds() + "s").put("lossFor", s.lossFor().toSeconds() + "s")
                // The step checks the loss is heard (at least half of it, over the whole call): 10 % for
                // 8 s is ~40 packets each way, so chance alone does not fail it as 5 % for 5 s could.
                .put("lossPercent", LOSS_PERCENT);
        try {
            return "# Generated by lifeline drill --netns --site: the lab's site file, ready for a site drill.\n"
                    + YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    /**
     * @param labSiteYaml a site file {@link #rewrite} made ready
     * @param command     what restarts the lab's gateway on its host ({@link NetnsLab#restartScript})
     * @return it with {@code drill.restartCommand} set, so the drill may run with {@code --restart}
     */
    public static String withRestartCommand(String labSiteYaml, String command) {
        ObjectNode root = parse(labSiteYaml);
        if (!root.path("drill").isObject()) {
            throw new IllegalArgumentException("the site file has no drill: section to add restartCommand to");
        }
        ((ObjectNode) root.get("drill")).put("restartCommand", command);
        try {
            return "# Generated by lifeline drill --netns --site: the lab's site file, ready for a site drill.\n"
                    + YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    private static ObjectNode parse(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the site file is not a YAML mapping: " + e.getMessage(), e);
        }
    }
}
