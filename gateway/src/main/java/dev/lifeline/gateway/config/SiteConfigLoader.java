package dev.lifeline.gateway.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads a site's YAML file into a {@link SiteConfig}, or fails with every problem in it.
 *
 * <pre>{@code
 * try {
 *     SiteConfig config = SiteConfigLoader.load(Path.of("site.yaml"));
 * } catch (ConfigException e) {
 *     e.problems().forEach(System.err::println);   // site.yaml:14:7: extensions[2].number: ...
 * }
 * }</pre>
 */
public final class SiteConfigLoader {

    /** Top-level sections, in the order the example file uses. */
    static final List<String> TOP_KEYS = List.of("site", "listen", "extensions", "groups", "dids", "trunks",
            "dialPlan", "paths", "failover", "dns", "registrar", "security", "storage", "events", "admin", "media",
            "signalling", "preflight", "drill");

    /** Far beyond any real site; a bigger file is a mistake (a capture or a log), not a configuration. */
    static final long MAX_BYTES = 4L << 20;

    private SiteConfigLoader() {
    }

    /**
     * Reads and validates {@code file}. Problems name the file as given here.
     *
     * @throws IOException the file cannot be read (missing, unreadable, too big): not a configuration problem
     * @throws ConfigException the file was read and is not a valid configuration
     */
    public static SiteConfig load(Path file) throws IOException, ConfigException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB, not a site configuration");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, "",
                    "is not UTF-8 text; expected a YAML file saved as UTF-8")));
        }
        return parse(file.toString(), text);
    }

    /**
     * Validates YAML text.
     *
     * @param fileName how problems name the source, e.g. "site.yaml"
     */
    public static SiteConfig parse(String fileName, String yaml) throws ConfigException {
        Problems problems = new Problems(fileName);
        Optional<YamlNode> root = new YamlTree(problems).read(yaml);
        Optional<Section> top = root.flatMap(r -> topSection(r, problems));
        if (top.isEmpty()) {
            problems.throwIfAny();
            throw new IllegalStateException("an unreadable file must have produced a problem");
        }
        SiteConfig config = read(top.get(), problems);
        problems.throwIfAny();
        return config;
    }

    private static Optional<Section> topSection(YamlNode root, Problems problems) {
        if (root instanceof YamlNode.Mapping) {
            return Section.of(root, "", problems, TOP_KEYS);
        }
        problems.add(root.mark(), "", "expected a YAML mapping with site, listen, extensions, ...; found " + root.kind());
        return Optional.empty();
    }

    /** Reads every section whatever fails in another, so that all problems are found at once. */
    private static SiteConfig read(Section top, Problems problems) {
        ServiceReader services = new ServiceReader(problems);
        NetworkReader network = new NetworkReader(problems);
        TrunkReader trunkReader = new TrunkReader(problems);
        Site site = services.site(top);
        List<Listener> listen = network.listen(top);
        Directory directory = new DirectoryReader(problems).read(top);
        TrunkReader.Trunks trunks = trunkReader.trunks(top);
        DialPlan dialPlan = trunkReader.dialPlan(top, trunks.declared(), directory);
        List<WanPath> paths = network.paths(top, trunks.trunks());
        FailoverSettings failover = network.failover(top);
        ResolverSettings dns = network.dns(top);
        RegistrarSettings registrar = services.registrar(top, site == null ? null : site.name());
        SecuritySettings security = services.security(top);
        Path storage = services.storage(top);
        EventLogSettings events = services.events(top);
        AdminSettings admin = services.admin(top);
        MediaSettings media = services.media(top);
        SignallingSettings signalling = services.signalling(top);
        PreflightSettings preflight = new PreflightReader(problems).read(top, paths);
        Optional<DrillSettings> drill = directory == null ? Optional.empty()
                : new DrillReader(problems).read(top, directory.extensions(), directory.dids(), paths == null ? List.of()
                        : paths, listen == null ? List.of() : listen);
        if (problems.count() > 0) {
            return null;
        }
        return new SiteConfig(site, listen, directory.extensions(), directory.groups(), directory.dids(),
                trunks.trunks(), dialPlan, paths, failover, registrar, security, storage, admin, media, signalling, dns,
                events, preflight, drill);
    }
}
