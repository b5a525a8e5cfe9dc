package dev.lifeline.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS material a transport uses for the next handshake: its own certificate, key and trust
 * bundle ({@link TlsConfig}, serving inbound connections and the default for outbound ones) and
 * named {@link TlsClientProfile}s for outbound connections to particular hosts, e.g. one per
 * provider trunk with that provider's trust bundle and client certificate.
 *
 * <p>Files are re-read when they change ({@link #reloadIfChanged}, or {@link #watch} to poll on
 * a scheduler): new handshakes use the new material, connections already open keep theirs. New
 * files that do not load (unreadable, not PEM, key not matching the certificate) are rejected:
 * the previous material stays in use and listeners get a {@link TlsReload} saying why.
 *
 * <p>Outbound profile choice: the target's host string (the name its certificate is checked
 * against, see {@link Target}) looked up in the routes set by {@link #routeHost}; hosts without
 * a route use the transport's own material.
 */
public final class TlsMaterial {

    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);

    private final Optional<ReloadingMaterial<TlsContexts>> own;
    private final ConcurrentMap<String, ReloadingMaterial<ClientTls>> profiles = new ConcurrentHashMap<>();
    /** Profiles whose files could not be loaded yet, with why: their hosts are refused, never served by other trust. */
    private final ConcurrentMap<String, String> unusable = new ConcurrentHashMap<>();
    private volatile TlsClientRoutes routes = TlsClientRoutes.NONE;
    private final List<Consumer<TlsReload>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TlsHandshakeFailure>> failureListeners = new CopyOnWriteArrayList<>();
    private volatile ScheduledFuture<?> polling;

    private TlsMaterial(Optional<ReloadingMaterial<TlsContexts>> own) {
        this.own = own;
    }

    /** Loads the transport's own material, when configured; throws naming the file that is unusable. */
    static TlsMaterial load(Optional<TlsConfig> config) throws TransportException {
        if (config.isEmpty()) {
            return new TlsMaterial(Optional.empty());
        }
        TlsConfig c = config.get();
        return new TlsMaterial(Optional.of(ReloadingMaterial.load("transport", TlsContexts.files(c),
                contents -> TlsContexts.build(c, contents))));
    }

    /**
     * Adds or replaces a client profile, loading its files now. Throws naming the file when
     * they are unusable (the previous profile of that name, if any, stays).
     */
    public void putClientProfile(String name, TlsClientProfile profile) throws TransportException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        profiles.put(name, ReloadingMaterial.load("client profile " + name, profile.files(),
                contents -> TlsContexts.buildClient(profile, contents)));
        unusable.remove(name);
    }

    /**
     * Declares a profile whose files cannot be loaded yet (e.g. its trust bundle is missing), so
     * that hosts can be routed to it and are refused with {@code why} until
     * {@link #putClientProfile} succeeds, instead of falling back to the transport's own trust.
     * A profile already loaded under that name is left as it is.
     */
    public void putUnusableClientProfile(String name, String why) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(why, "why");
        if (!profiles.containsKey(name)) {
            unusable.put(name, why);
        }
    }

    /** Removes a profile and every route to it; hosts routed to it fall back to the transport's material. */
    public void removeClientProfile(String name) {
        synchronized (this) {
            routes = routes.without(name);
        }
        profiles.remove(name);
        unusable.remove(name);
    }

    /**
     * Outbound TLS connections to {@code host} (a name or IP literal, matched without case
     * against the target's host string; {@code *.provider.example} for every name below that
     * domain) use profile {@code profile}. The exact host wins over a domain, a longer domain
     * over a shorter one.
     *
     * @throws IllegalArgumentException when no profile of that name was put
     */
    public void routeHost(String host, String profile) {
        if (!profiles.containsKey(profile) && !unusable.containsKey(profile)) {
            throw new IllegalArgumentException("no TLS client profile named '" + profile + "'; put it before routing "
                    + host + " to it (known: " + new ArrayList<>(profiles.keySet()) + ")");
        }
        synchronized (this) {
            routes = routes.with(host, profile);
        }
    }

    /** The profile an outbound connection to {@code host} would use; empty for the transport's own material. */
    public Optional<String> clientProfileFor(String host) {
        return routes.select(host);
    }

    /**
     * Listeners hear about every outbound handshake that fails. Called on a transport I/O
     * thread: hand anything slow (e.g. a certificate check) to another thread.
     */
    public void onHandshakeFailure(Consumer<TlsHandshakeFailure> listener) {
        failureListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The transport tells of a failed outbound handshake; a throwing listener does not stop the others. */
    void handshakeFailed(TlsHandshakeFailure failure) {
        for (Consumer<TlsHandshakeFailure> listener : failureListeners) {
            try {
                listener.accept(failure);
            } catch (RuntimeException e) {
                log.warn("a TLS handshake failure listener failed: {}", e.toString());
            }
        }
    }

    /** Listeners hear about every reload attempt, applied or rejected. Called on the polling thread. */
    public void onReload(Consumer<TlsReload> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Checks every file now and swaps in material whose files changed. Returns what was
     * attempted (empty when nothing changed); never throws for bad files.
     */
    public List<TlsReload> reloadIfChanged() {
        List<TlsReload> reloads = new ArrayList<>();
        own.flatMap(ReloadingMaterial::reloadIfChanged).ifPresent(reloads::add);
        profiles.values().forEach(p -> p.reloadIfChanged().ifPresent(reloads::add));
        for (TlsReload reload : reloads) {
            if (reload.applied()) {
                log.info("TLS {} reloaded from {}", reload.material(), reload.files());
            } else {
                log.warn("TLS {}: new files rejected, {}", reload.material(), reload.detail());
            }
            for (Consumer<TlsReload> listener : listeners) {
                try {
                    listener.accept(reload);
                } catch (RuntimeException e) {
                    log.warn("a TLS reload listener failed: {}", e.toString());
                }
            }
        }
        return reloads;
    }

    /**
     * Polls the files every {@code period} on {@code scheduler} (owned by the caller) until
     * {@link #stopWatching}. A few seconds is plenty: renewals are rare, and a poll reads no
     * file unless its stamp changed.
     */
    public synchronized void watch(ScheduledExecutorService scheduler, Duration period) {
        stopWatching();
        long nanos = period.toNanos();
        polling = scheduler.scheduleWithFixedDelay(() -> {
            try {
                reloadIfChanged();
            } catch (RuntimeException e) {
                // a failed poll must not cancel the next ones (a throwing task is never rescheduled)
                log.warn("TLS file poll failed: {}", e.toString());
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    public synchronized void stopWatching() {
        ScheduledFuture<?> p = polling;
        if (p != null) {
            p.cancel(false);
            polling = null;
        }
    }

    // ---- used by the transport ----------------------------------------------------------

    boolean hasOwn() {
        return own.isPresent();
    }

    /** Empty when an outbound TLS connection to {@code remote} can be made, else why not. */
    Optional<String> cannotDial(InetSocketAddress remote) {
        Optional<String> profile = routes.select(remote.getHostString());
        if (profile.isPresent()) {
            if (profiles.containsKey(profile.get())) {
                return Optional.empty();
            }
            String why = unusable.get(profile.get());
            return Optional.of(why != null ? "TLS client profile '" + profile.get() + "' cannot be used: " + why
                                           : "TLS client profile '" + profile.get() + "' was removed");
        }
        return own.isPresent() ? Optional.empty()
                : Optional.of("no TLS material configured and no client profile routed for " + remote.getHostString());
    }

    SslHandler newClientHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        Optional<String> profile = routes.select(remote.getHostString());
        // A routed host never falls back to the transport's trust: that could trust CAs its provider does not use.
        ClientTls client = profile.isPresent()
                ? Optional.ofNullable(profiles.get(profile.get())).map(ReloadingMaterial::current).orElseThrow(
                        () -> new IllegalStateException("TLS client profile '" + profile.get() + "' was removed"))
                : own.map(o -> o.current().client()).orElseThrow(
                        () -> new IllegalStateException("TLS used without TLS material for " + remote));
        return client.newHandler(alloc, remote);
    }

    SslHandler newServerHandler(ByteBufAllocator alloc) {
        return own.orElseThrow(() -> new IllegalStateException("TLS listen point without TLS material"))
                .current().newServerHandler(alloc);
    }
}
