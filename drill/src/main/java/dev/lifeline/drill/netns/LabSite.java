package dev.lifeline.drill.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The site file the gateway runs with inside the lab: the user's file with only the network
 * rewritten — phones reach it on the LAN veth, its first two paths bind to the uplinks'
 * addresses and ask their own path's resolver, every trunk goes to the lab's provider by its
 * domain with the lab's credentials, storage and admin stay inside the run's directory and the
 * site namespace. Extensions, dial plan, failover and DNS timing are the user's, unchanged:
 * that is what the drill judges. Pure text in, text out.
 */
public final class LabSite {

    /** The trunk account Kamailio knows (the password is fresh per run). */
    public static final String TRUNK_USER = "site1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private LabSite() {
    }

    /**
     * @param siteYaml      the user's site file (already validated by the config loader)
     * @param reflector     whether the lab runs a quality-probe reflector for this scenario
     * @param trunkPassword the trunk's password for this run
     * @param storage       the gateway's storage directory for this run
     */
    public static String rewrite(String siteYaml, boolean reflector, String trunkPassword, Path storage) {
        return rewrite(siteYaml, reflector, trunkPassword, storage, null, null);
    }

    /**
     * As {@link #rewrite(String, boolean, String, Path)}, and the extension the lab's phone
     * registers as gets the lab's password (its stored HA1, if any, is dropped).
     */
    public static String rewrite(String siteYaml, boolean reflector, String trunkPassword, Path storage,
                                 String phoneExtension, String phonePassword) {
        return rewrite(siteYaml, reflector, trunkPassword, storage,
                phoneExtension == null ? java.util.Map.of() : java.util.Map.of(phoneExtension, phonePassword));
    }

    /**
     * As {@link #rewrite(String, boolean, String, Path)}, and each extension the lab runs a phone
     * for gets that phone's password (its stored HA1, if any, is dropped).
     *
     * @param phonePasswords extension → the lab phone's password for this run
     */
    public static String rewrite(String siteYaml, boolean reflector, String trunkPassword, Path storage,
                                 java.util.Map<String, String> phonePasswords) {
        ObjectNode root;
        try {
            root = (ObjectNode) YAML.readTree(siteYaml);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the site file is not a YAML mapping: " + e.getMessage(), e);
        }
        ArrayNode listen = root.putArray("listen");
        listen.addObject().put("transport", "udp").put("address", NetnsPlan.SITE_LAN + ":" + NetnsPlan.SIP_PORT);

        JsonNode trunks = root.path("trunks");
        if (!trunks.isArray() || trunks.isEmpty()) {
            throw new IllegalArgumentException("the site file has no trunks; the kernel-level lab drills a trunk's failover");
        }
        for (JsonNode t : trunks) {
            ObjectNode trunk = (ObjectNode) t;
            trunk.remove(java.util.List.of("trust", "trustBundle", "clientCertificate", "clientKey"));
            trunk.put("provider", NetnsPlan.PROVIDER_DOMAIN).put("transport", "udp").put("register", true)
                    .put("username", TRUNK_USER).put("password", trunkPassword);
        }

        JsonNode paths = root.path("paths");
        if (!paths.isArray() || paths.size() < 2) {
            throw new IllegalArgumentException("the site file has " + (paths.isArray() ? paths.size() : 0)
                    + " WAN path(s); the kernel-level lab needs two (it builds two uplinks)");
        }
        ArrayNode two = YAML.createArrayNode();
        for (int i = 0; i < 2; i++) {
            ObjectNode p = ((ObjectNode) paths.get(i)).deepCopy();
            NetnsPlan.Uplink u = NetnsPlan.UPLINKS.get(i);
            if (p.has("interface")) {
                // The site pins this path to a device: pinned here too, to the lab's uplink.
                p.put("interface", u.siteDevice());
            }
            p.put("bind", u.siteAddress());
            p.putArray("resolvers").add(u.resolver());
            two.add(p);
        }
        root.set("paths", two);

        ObjectNode failover = root.has("failover") && root.get("failover").isObject()
                ? (ObjectNode) root.get("failover") : root.putObject("failover");
        if (reflector) {
            failover.put("reflector", NetnsPlan.REFLECTOR + ":" + NetnsPlan.REFLECTOR_PORT);
        } else {
            failover.remove("reflector");
        }
        if (failover.has("stun") && !failover.get("stun").asText().equals("provider")) {
            failover.remove("stun");   // a host:port outside the lab is unreachable here
        }
        for (var phone : new java.util.TreeMap<>(phonePasswords).entrySet()) {
            boolean found = false;
            for (JsonNode e : root.path("extensions")) {
                if (e.path("number").asText().equals(phone.getKey())) {
                    ((ObjectNode) e).remove("ha1");
                    ((ObjectNode) e).put("password", phone.getValue());
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("the scenario's phone is extension " + phone.getKey()
                        + ", which the site file does not have");
            }
        }
        root.put("storage", storage.toAbsolutePath().toString());
        ObjectNode admin = root.putObject("admin");
        admin.put("listen", "127.0.0.1:8089");   // the site namespace's own loopback
        try {
            return "# Generated by lifeline drill --netns from the user's site file: network rewritten for the lab.\n"
                    + YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    /**
     * The extensions a call to {@code did} rings, by the user's site file: the DID's extension, or
     * its group's members (the group's list, then the extensions that name the group). Empty when
     * the site has no such DID.
     */
    public static java.util.List<String> ringing(String siteYaml, String did) {
        JsonNode root;
        try {
            root = YAML.readTree(siteYaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the site file is not YAML: " + e.getMessage(), e);
        }
        JsonNode target = root.path("dids").path(did);
        if (target.isMissingNode() || target.isNull()) {
            return java.util.List.of();
        }
        String number = target.asText();
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (JsonNode g : root.path("groups")) {
            if (g.path("number").asText().equals(number)) {
                g.path("members").forEach(m -> out.add(m.asText()));
                for (JsonNode e : root.path("extensions")) {
                    for (JsonNode named : e.path("groups")) {
                        if (named.asText().equals(number)) {
                            out.add(e.path("number").asText());
                        }
                    }
                }
                return java.util.List.copyOf(out);
            }
        }
        return java.util.List.of(number);
    }

    /** Whether the user's site asks for a quality-probe reflector (the lab then runs one). */
    public static boolean wantsReflector(String siteYaml) {
        try {
            JsonNode r = YAML.readTree(siteYaml).path("failover").path("reflector");
            return r.isTextual() && !r.asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
