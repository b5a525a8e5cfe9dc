package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token file must be the owner's alone and hold a token long enough not to be guessed. */
class AdminTokenFileTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private SiteConfig withTokenFile(Path file) {
        SiteConfig c = TestSites.config(dir.resolve("data"));
        AdminSettings admin = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.of(file));
        return new SiteConfig(c.site(), c.listen(), c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(),
                c.paths(), c.failover(), c.registrar(), c.security(), c.storage(), admin, c.media(), c.signalling(),
                c.dns(), c.events());
    }

    private Path tokenFile(String content, String mode) throws Exception {
        Path file = dir.resolve("admin.token");
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedAtStart() throws Exception {
        Path file = tokenFile(TOKEN, "rw-r--r--");

        assertThatThrownBy(() -> Gateway.start(withTokenFile(file)).close())
                .isInstanceOf(GatewayStartException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTokenFileItsGroupCanReadIsRefusedToo() throws Exception {
        Path file = tokenFile(TOKEN, "rw-r-----");

        assertThatThrownBy(() -> Gateway.start(withTokenFile(file)).close())
                .isInstanceOf(GatewayStartException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void aShortTokenInTheFileIsRefusedAtStart() throws Exception {
        Path file = tokenFile("letmein", "rw-------");

        assertThatThrownBy(() -> Gateway.start(withTokenFile(file)).close())
                .isInstanceOf(GatewayStartException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("7 characters long; expected at least 32")
                .hasMessageNotContaining("letmein");
    }

    @Test
    void anOwnerOnlyFileWithALongTokenIsUsed() throws Exception {
        Path file = tokenFile(TOKEN, "rw-------");

        try (Gateway g = Gateway.start(withTokenFile(file))) {
            assertThat(new AdminClient(g.adminUri(), TOKEN).get("/api/status").status()).isEqualTo(200);
        }
    }
}
