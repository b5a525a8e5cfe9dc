package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drill with captures on: one pcapng file per scenario and path, with what the fault dropped marked. */
class DrillCaptureTest {

    @TempDir
    Path work;

    @Test
    void eachPathsTrafficIsWrittenWithTheDropsMarked() throws Exception {
        Path captures = work.resolve("captures");
        DrillReport report = new DrillRunner(SiteConfigLoader.load(Path.of("../examples/site.yaml")),
                "examples/site.yaml", work.resolve("labs"), System.out::println).withCaptures(captures)
                .run("check", List.of(BuiltInSuite.byName("local-survivability").orElseThrow()));

        assertThat(report.scenarios().get(0).error()).isEmpty();
        for (String path : List.of("wan1", "wan2")) {
            Path file = captures.resolve("local-survivability").resolve(path + ".pcapng");
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).as(file.toString()).isGreaterThan(1000);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).as("the probes sent into the cut path").contains("dropped BLACKHOLE");
            assertThat(text).as("the OPTIONS probes").contains("OPTIONS sip:");
        }
    }
}
