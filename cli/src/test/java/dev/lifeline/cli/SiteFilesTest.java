package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default site file: --config, then /etc/lifeline/site.yaml, then the checkout's example beside the program. */
class SiteFilesTest {

    @TempDir
    Path tmp;

    /** A checkout's shape: launcher, pom.xml, examples/site.yaml, and the jar in cli/target. */
    private Path checkout() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Files.writeString(root.resolve("lifeline"), "#!/bin/sh\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("examples"));
        Files.writeString(root.resolve("examples/site.yaml"), "site: {}\n");
        Files.createDirectories(root.resolve("cli/target/classes"));
        return root;
    }

    @Test
    void the_given_file_wins_even_when_it_does_not_exist() throws Exception {
        Path root = checkout();
        Path given = tmp.resolve("missing.yaml");
        assertThat(SiteFiles.resolve(given, root.resolve("examples/site.yaml"), Optional.of(root))).isEqualTo(given);
    }

    @Test
    void the_installed_file_comes_before_the_checkouts_example() throws Exception {
        Path root = checkout();
        Path system = Files.writeString(tmp.resolve("etc-site.yaml"), "site: {}\n");
        assertThat(SiteFiles.resolve(null, system, Optional.of(root.resolve("cli/target/lifeline.jar")))).isEqualTo(system);
    }

    @Test
    void without_an_installed_file_the_example_is_found_from_the_jar_or_the_classes_not_the_working_directory()
            throws Exception {
        Path root = checkout();
        Path none = tmp.resolve("etc/lifeline/site.yaml");
        Path example = root.resolve("examples/site.yaml");
        assertThat(SiteFiles.resolve(null, none, Optional.of(root.resolve("cli/target/lifeline.jar")))).isEqualTo(example);
        assertThat(SiteFiles.resolve(null, none, Optional.of(root.resolve("cli/target/classes")))).isEqualTo(example);
    }

    @Test
    void an_installed_jar_without_a_site_file_says_where_it_looked_and_what_to_give() {
        Path usrShare = tmp.resolve("usr/share/lifeline/lifeline.jar");
        assertThatThrownBy(() -> SiteFiles.resolve(null, tmp.resolve("etc/lifeline/site.yaml"), Optional.of(usrShare)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("etc/lifeline/site.yaml").hasMessageContaining("give --config FILE");
    }
}
