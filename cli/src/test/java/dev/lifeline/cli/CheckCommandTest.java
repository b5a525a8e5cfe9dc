package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.lab.Lab;
import dev.lifeline.drill.lab.dns.DnsFault;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lifeline check}: exit 0 on the lab's site (examples/site.yaml pointed at the lab's
 * provider domain and resolvers), 1 once a resolver goes silent, 2 with one line for a file
 * that is not there; {@code --json} is one parseable document.
 */
class CheckCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        int code = run("check", "--config", tmp.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().satisfies(l -> {
            assertThat(l).startsWith("lifeline: cannot read ").contains("nope.yaml: no such file").contains("--config");
        });
    }

    @Test
    void anInvalidFileListsItsProblemsAndExitsOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), "site: {name: X}\n");

        int code = run("check", "--config", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("site.countryCode").contains("is not a valid configuration")
                .doesNotContain("Exception");
    }

    @Test
    void theLabSitePassesAndASilentResolverFails() throws Exception {
        SiteConfig example = SiteConfigLoader.load(EXAMPLE);
        try (Lab lab = Lab.start(example, tmp.resolve("lab"), line -> { })) {
            Path site = labYaml(lab);

            int code = run("check", "--config", site.toString());
            System.out.println(out);
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("CHECK", "PATH", "RESULT").contains("options").contains("wan2")
                    .contains("0 fail").contains("observed from this host");
            assertThat(err.toString()).contains("checking wan1:");

            lab.dns().endpoint("wan1").setFault(DnsFault.SILENT);
            out.getBuffer().setLength(0);
            code = run("check", "--config", site.toString(), "--json", "--quiet");

            assertThat(code).isEqualTo(1);
            JsonNode doc = new ObjectMapper().readTree(out.toString());
            assertThat(doc.get("passed").asBoolean()).isFalse();
            assertThat(doc.get("findings")).anySatisfy(f -> {
                assertThat(f.get("check").asText()).isEqualTo("resolver");
                assertThat(f.get("path").asText()).isEqualTo("wan1");
                assertThat(f.get("result").asText()).isEqualTo("fail");
                assertThat(f.get("fix").asText()).contains("paths[wan1].resolvers");
            });
        }
    }

    /** examples/site.yaml with the trunk's provider and each path's resolvers those of the lab. */
    private Path labYaml(Lab lab) throws Exception {
        String yaml = Files.readString(EXAMPLE)
                .replace("provider: 127.0.0.1:5070", "provider: " + Lab.DOMAIN)
                .replace("resolvers: [\"127.0.0.21:5353\"]", "resolvers: [\"" + lab.labSite().path("wan1").orElseThrow()
                        .resolvers().get(0) + "\"]")
                .replace("resolvers: [\"127.0.0.22:5353\"]", "resolvers: [\"" + lab.labSite().path("wan2").orElseThrow()
                        .resolvers().get(0) + "\"]");
        assertThat(yaml).contains("provider: " + Lab.DOMAIN);
        return Files.writeString(tmp.resolve("lab-site.yaml"), yaml);
    }
}
