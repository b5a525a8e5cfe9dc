package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Whatever the file holds, the loader answers with a config or with located problems, never a crash. */
class LoaderRobustnessTest {

    private static final String EXAMPLE = read();

    private static String read() {
        try {
            return Files.readString(Path.of("..", "examples", "site.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void arbitraryTextGivesAConfigOrProblems() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(LoaderRobustnessTest::answers);
    }

    @Test
    void theExampleCutAnywhereGivesAConfigOrLocatedProblems() {
        qt().forAll(integers().between(0, EXAMPLE.length())).checkAssert(cut -> answers(EXAMPLE.substring(0, cut)));
    }

    @Test
    void theExampleWithACharacterReplacedGivesAConfigOrLocatedProblems() {
        String noise = ":-[]{}\"'#&*!|>%@` \t\n9x";
        qt().forAll(integers().between(0, EXAMPLE.length() - 1), integers().between(0, noise.length() - 1))
                .checkAssert((at, c) -> answers(EXAMPLE.substring(0, at) + noise.charAt(c) + EXAMPLE.substring(at + 1)));
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.parse("t.yaml", "a: " + "[".repeat(5000)));
        assertThat(e).isNotNull();
    }

    private static void answers(String yaml) {
        try {
            SiteConfigLoader.parse("t.yaml", yaml);
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.line()).isBetween(0, yaml.split("\n", -1).length + 1);
                assertThat(p.message()).isNotBlank();
            });
        }
    }
}
