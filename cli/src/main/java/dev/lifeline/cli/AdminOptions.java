package dev.lifeline.cli;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a running gateway's admin API is and its token: from the site configuration by default
 * (the same file the gateway was started with), or given directly.
 */
final class AdminOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file the gateway runs with (default: /etc/lifeline/site.yaml, "
                    + "else the checkout's examples/site.yaml)")
    Path config;

    @Option(names = "--admin", paramLabel = "URL", description = "the admin API, e.g. http://127.0.0.1:8089 (overrides the config)")
    Optional<URI> admin = Optional.empty();

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the admin token (overrides the config)")
    Optional<Path> tokenFile = Optional.empty();

    /** A problem that stops the command, with the message to print. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    AdminApi api() throws Unusable {
        Optional<SiteConfig> site = admin.isPresent() && tokenFile.isPresent() ? Optional.empty() : Optional.of(load());
        URI base = admin.orElseGet(() -> baseUri(site.orElseThrow().admin()));
        return new AdminApi(base, token(site));
    }

    private SiteConfig load() throws Unusable {
        try {
            config = SiteFiles.resolve(config);
            return SiteConfigLoader.load(config);
        } catch (NoSuchFileException e) {
            throw new Unusable("cannot read " + e.getFile() + ": no such file (give --config FILE, or --admin URL and --token-file FILE)");
        } catch (IOException e) {
            throw new Unusable("cannot read " + config + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new Unusable(config + " is not a valid configuration (" + e.problems().size()
                    + " problems; see: lifeline config check " + config + ")");
        }
    }

    private String token(Optional<SiteConfig> site) throws Unusable {
        if (tokenFile.isEmpty() && site.orElseThrow().admin().token().isPresent()) {
            return site.get().admin().token().get().value();
        }
        Path file = tokenFile.orElseGet(() -> site.orElseThrow().admin().tokenFile()
                .orElse(site.get().storage().resolve(Gateway.ADMIN_TOKEN_FILE)));
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            throw new Unusable("no admin token file at " + file + " (the gateway creates it when it starts;"
                    + " is `lifeline gateway run` running from this directory?)");
        } catch (IOException e) {
            throw new Unusable("cannot read the admin token file " + file + ": " + e.getMessage());
        }
    }

    static URI baseUri(AdminSettings admin) {
        String host = admin.listen().host();
        String literal = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + admin.listen().port().orElse(8089));
    }
}
