package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/build-deb builds a .deb with the installed layout, and the unit passes systemd's own
 * checks. The jar packaged here is a small stand-in (the CLI jar is made in Maven's package phase,
 * after the tests), so the test runs in seconds and checks what packaging owns: layout, modes,
 * control data, maintainer scripts, the wrapper and the unit.
 */
class DebianPackageTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "1.2.3~test";

    @TempDir
    static Path tmp;

    private static Path deb;
    private static Path extracted;

    private record Run(int exit, String output) {
    }

    private static Run run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as(String.join(" ", cmd) + " finished within 120 s").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Run run(String... cmd) throws Exception {
        return run(Map.of(), cmd);
    }

    private static boolean onPath(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    /** A runnable jar that prints its arguments: what the wrapper must start. */
    private static Path standInJar() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("standin/src"));
        Path classes = Files.createDirectories(tmp.resolve("standin/classes"));
        Path java = Files.writeString(src.resolve("StandIn.java"),
                "public class StandIn { public static void main(String[] a) {"
                        + " System.out.println(\"stand-in \" + String.join(\" \", a)); } }");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), java.toString());
        assertThat(rc).as("javac of the stand-in").isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        Path jar = tmp.resolve("standin/lifeline.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new JarEntry("StandIn.class"));
            j.write(Files.readAllBytes(classes.resolve("StandIn.class")));
            j.closeEntry();
        }
        return jar;
    }

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(onPath("dpkg-deb"), "dpkg-deb is not installed (a Debian system has it): no package can be built");
        Run r = run("bash", ROOT.resolve("packaging/build-deb").toString(), "--jar", standInJar().toString(),
                "--version", VERSION, "--out", tmp.resolve("dist").toString());
        assertThat(r.exit()).as(r.output()).isZero();
        deb = tmp.resolve("dist/lifeline_" + VERSION + "_all.deb");
        assertThat(r.output().strip()).isEqualTo(deb.toString());
        extracted = tmp.resolve("root");
        Run x = run("dpkg-deb", "-x", deb.toString(), extracted.toString());
        assertThat(x.exit()).as(x.output()).isZero();
    }

    @Test
    void control_data_names_the_package_a_java_21_runtime_and_the_conffile() throws Exception {
        Run info = run("dpkg-deb", "-I", deb.toString());
        assertThat(info.exit()).isZero();
        assertThat(info.output()).contains("Package: lifeline", "Version: " + VERSION, "Architecture: all",
                "Depends: openjdk-21-jre-headless | openjdk-25-jre-headless | java21-runtime-headless", "adduser",
                "postinst", "prerm", "postrm");
        Run conffiles = run("dpkg-deb", "-I", deb.toString(), "conffiles");
        assertThat(conffiles.output().strip()).isEqualTo("/etc/lifeline/site.yaml");
        Run postinst = run("dpkg-deb", "-I", deb.toString(), "postinst");
        assertThat(postinst.output()).contains("adduser --system --group --home /var/lib/lifeline")
                .contains("chmod 0640 /etc/lifeline/site.yaml");
        assertThat(run("sh", "-n", extracted.resolve("usr/bin/lifeline").toString()).exit()).isZero();
    }

    @Test
    void the_layout_is_the_installed_one_with_root_ownership_and_a_private_site_file() throws Exception {
        Run list = run("dpkg-deb", "-c", deb.toString());
        assertThat(list.exit()).isZero();
        List<String> lines = list.output().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches("-rwxr-xr-x root/root .* \\./usr/bin/lifeline"))
                .anyMatch(l -> l.matches("-rw-r--r-- root/root .* \\./usr/share/lifeline/lifeline\\.jar"))
                .anyMatch(l -> l.matches("-rw-r--r-- root/root .* \\./usr/lib/systemd/system/lifeline\\.service"))
                .anyMatch(l -> l.matches("-rw-r----- root/root .* \\./etc/lifeline/site\\.yaml"))
                .anyMatch(l -> l.matches("d\\S+ root/root .* \\./var/lib/lifeline/"))
                .allMatch(l -> l.contains(" root/root "));
    }

    @Test
    void the_installed_site_file_is_valid_and_keeps_its_state_where_the_unit_may_write() throws Exception {
        SiteConfig site = SiteConfigLoader.load(extracted.resolve("etc/lifeline/site.yaml"));
        assertThat(site.storage()).isEqualTo(Path.of("/var/lib/lifeline/data"));
        assertThat(site.admin().tokenFile()).contains(Path.of("/var/lib/lifeline/admin.token"));
    }

    @Test
    void the_wrapper_finds_a_java_21_runtime_and_runs_the_jar() throws Exception {
        Path jar = extracted.resolve("usr/share/lifeline/lifeline.jar");
        Run r = run(Map.of("LIFELINE_JAR", jar.toString(), "JAVA_HOME", System.getProperty("java.home")),
                "sh", extracted.resolve("usr/bin/lifeline").toString(), "--version", "x y");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("stand-in --version x y");
    }

    /** The unit under systemd's checker, in a root holding the package and the host's own units. */
    private static Path systemdRoot() throws Exception {
        assumeTrue(onPath("systemd-analyze") && Files.exists(Path.of("/usr/lib/systemd/system/sysinit.target")),
                "systemd-analyze or the host's systemd units are missing (apt-get install systemd): the unit is not verified");
        Path root = tmp.resolve("systemd-root");
        if (!Files.exists(root)) {
            assertThat(run("cp", "-a", extracted.toString() + "/.", root.toString() + "/").exit()).isZero();
            assertThat(run("cp", "-an", "/usr/lib/systemd/system/.", root.resolve("usr/lib/systemd/system").toString() + "/")
                    .exit()).isZero();
            // ExecReload's kill comes from the host (procps), as on a site.
            Files.createDirectories(root.resolve("bin"));
            assertThat(run("cp", "-a", "/bin/kill", root.resolve("bin/kill").toString()).exit()).isZero();
        }
        return root;
    }

    @Test
    void systemd_analyze_verify_accepts_the_unit_without_a_warning() throws Exception {
        Path root = systemdRoot();
        Path unit = root.resolve("usr/lib/systemd/system/lifeline.service");
        Run ok = run("systemd-analyze", "verify", "--root=" + root, unit.toString());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).isEmpty();

        // The same check on a misspelt key says so: an empty output above means something.
        Path broken = Files.writeString(root.resolve("usr/lib/systemd/system/broken.service"),
                Files.readString(unit).replace("ProtectSystem=strict", "ProtectSystm=strict"));
        assertThat(run("systemd-analyze", "verify", "--root=" + root, broken.toString()).output())
                .contains("Unknown key 'ProtectSystm'");
    }

    @Test
    void the_unit_is_hardened_and_holds_no_capability() throws Exception {
        Path root = systemdRoot();
        String unit = Files.readString(root.resolve("usr/lib/systemd/system/lifeline.service"));
        assertThat(unit).contains("User=lifeline\n", "ProtectSystem=strict\n", "ProtectHome=yes\n", "PrivateTmp=yes\n",
                "NoNewPrivileges=yes\n", "ReadWritePaths=/var/lib/lifeline\n", "StateDirectory=lifeline\n",
                "ConfigurationDirectory=lifeline\n", "AmbientCapabilities=\n", "StandardOutput=journal\n");
        // The gateway re-reads its site file on SIGHUP: systemctl reload sends it to the gateway itself.
        assertThat(unit.lines().filter(l -> l.startsWith("ExecReload"))).containsExactly("ExecReload=/bin/kill -HUP $MAINPID");
        Run security = run("systemd-analyze", "security", "--offline=true", "--root=" + root, "lifeline.service");
        Matcher m = Pattern.compile("Overall exposure level for lifeline\\.service: (\\d+\\.\\d+)").matcher(security.output());
        assertThat(m.find()).as(security.output()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("systemd's exposure score (0 best, 10 worst)").isLessThanOrEqualTo(2.0);
    }
}
