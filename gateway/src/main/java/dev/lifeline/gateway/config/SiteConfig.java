package dev.lifeline.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A site's whole configuration, read from one YAML file by {@link SiteConfigLoader} and
 * valid as a whole: every number and name it refers to exists. Immutable; secrets print as ***.
 *
 * @param storage directory of the durable state (registrations, events, calls)
 * @param dns     how the WAN paths' resolvers are asked (the {@code dns:} section)
 * @param events  how much of the event log is kept (the {@code events:} section)
 * @param preflight what {@code lifeline check} judges the site against (the {@code preflight:} section)
 * @param drill   what {@code lifeline drill --site} uses (the {@code drill:} section); empty without one
 */
public record SiteConfig(Site site, List<Listener> listen, List<Extension> extensions, List<Group> groups,
                         List<Did> dids, List<Trunk> trunks, DialPlan dialPlan, List<WanPath> paths,
                         FailoverSettings failover, RegistrarSettings registrar, SecuritySettings security,
                         Path storage, AdminSettings admin, MediaSettings media, SignallingSettings signalling,
                         ResolverSettings dns, EventLogSettings events, PreflightSettings preflight,
                         Optional<DrillSettings> drill) {

    public SiteConfig {
        Objects.requireNonNull(drill, "drill");
        Objects.requireNonNull(site, "site");
        listen = List.copyOf(listen);
        extensions = List.copyOf(extensions);
        groups = List.copyOf(groups);
        dids = List.copyOf(dids);
        trunks = List.copyOf(trunks);
        Objects.requireNonNull(dialPlan, "dialPlan");
        paths = List.copyOf(paths);
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(signalling, "signalling");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(preflight, "preflight");
    }

    /** A configuration without a {@code drill:} section. */
    public SiteConfig(Site site, List<Listener> listen, List<Extension> extensions, List<Group> groups,
                      List<Did> dids, List<Trunk> trunks, DialPlan dialPlan, List<WanPath> paths,
                      FailoverSettings failover, RegistrarSettings registrar, SecuritySettings security,
                      Path storage, AdminSettings admin, MediaSettings media, SignallingSettings signalling,
                      ResolverSettings dns, EventLogSettings events, PreflightSettings preflight) {
        this(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar, security, storage,
                admin, media, signalling, dns, events, preflight, Optional.empty());
    }

    /** A configuration with the default (empty) {@code preflight:} section. */
    public SiteConfig(Site site, List<Listener> listen, List<Extension> extensions, List<Group> groups,
                      List<Did> dids, List<Trunk> trunks, DialPlan dialPlan, List<WanPath> paths,
                      FailoverSettings failover, RegistrarSettings registrar, SecuritySettings security,
                      Path storage, AdminSettings admin, MediaSettings media, SignallingSettings signalling,
                      ResolverSettings dns, EventLogSettings events) {
        this(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar, security, storage,
                admin, media, signalling, dns, events, PreflightSettings.DEFAULT);
    }

    /** A configuration with the default {@code events:} settings. */
    public SiteConfig(Site site, List<Listener> listen, List<Extension> extensions, List<Group> groups,
                      List<Did> dids, List<Trunk> trunks, DialPlan dialPlan, List<WanPath> paths,
                      FailoverSettings failover, RegistrarSettings registrar, SecuritySettings security,
                      Path storage, AdminSettings admin, MediaSettings media, SignallingSettings signalling,
                      ResolverSettings dns) {
        this(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar, security, storage,
                admin, media, signalling, dns, EventLogSettings.DEFAULT);
    }

    /** A configuration with the default {@code dns:} settings. */
    public SiteConfig(Site site, List<Listener> listen, List<Extension> extensions, List<Group> groups,
                      List<Did> dids, List<Trunk> trunks, DialPlan dialPlan, List<WanPath> paths,
                      FailoverSettings failover, RegistrarSettings registrar, SecuritySettings security,
                      Path storage, AdminSettings admin, MediaSettings media, SignallingSettings signalling) {
        this(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar, security, storage,
                admin, media, signalling, ResolverSettings.DEFAULT);
    }

    /** This configuration with another {@code failover:} section. */
    public SiteConfig withFailover(FailoverSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, value, registrar,
                security, storage, admin, media, signalling, dns, events, preflight, drill);
    }

    /** This configuration with another {@code dialPlan:}. */
    public SiteConfig withDialPlan(DialPlan value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, value, paths, failover, registrar,
                security, storage, admin, media, signalling, dns, events, preflight, drill);
    }

    /** This configuration with another {@code signalling:} section. */
    public SiteConfig withSignalling(SignallingSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar,
                security, storage, admin, media, value, dns, events, preflight, drill);
    }

    /** This configuration with another {@code dns:} section. */
    public SiteConfig withDns(ResolverSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar,
                security, storage, admin, media, signalling, value, events, preflight, drill);
    }

    /** This configuration with another {@code events:} section. */
    public SiteConfig withEvents(EventLogSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar,
                security, storage, admin, media, signalling, dns, value, preflight, drill);
    }

    /** This configuration with another {@code preflight:} section. */
    public SiteConfig withPreflight(PreflightSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar,
                security, storage, admin, media, signalling, dns, events, value, drill);
    }

    /** This configuration with another {@code admin:} section. */
    public SiteConfig withAdmin(AdminSettings value) {
        return new SiteConfig(site, listen, extensions, groups, dids, trunks, dialPlan, paths, failover, registrar,
                security, storage, value, media, signalling, dns, events, preflight, drill);
    }

    public Optional<Extension> extension(String number) {
        return extensions.stream().filter(e -> e.number().equals(number)).findFirst();
    }

    public Optional<Group> group(String number) {
        return groups.stream().filter(g -> g.number().equals(number)).findFirst();
    }

    public Optional<Trunk> trunk(String name) {
        return trunks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<WanPath> path(String name) {
        return paths.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
