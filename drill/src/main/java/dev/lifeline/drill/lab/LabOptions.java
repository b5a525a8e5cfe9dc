package dev.lifeline.drill.lab;

import dev.lifeline.gateway.config.Transport;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Lab} is built beyond what the site configuration says.
 *
 * @param trunkTransport the transport of the site's first trunk inside the lab; empty: the one
 *                       the site configures. {@link Transport#TLS} builds the lab's TLS mode: a
 *                       lab CA and certificates, provider targets on TLS, TCP splices in the WAN
 *                       emulators, {@code _sips._tcp} records, a TLS listener on the gateway
 * @param stormPhones    light simulated phones added beside the site's (0: none), each an
 *                       extension added to the lab's site; see {@link Lab#stormPhones()}
 * @param phones         how many of the site's extensions get a lab phone, in configuration
 *                       order (empty: every extension the lab can log in as)
 */
public record LabOptions(Optional<Transport> trunkTransport, dev.lifeline.gateway.GatewayPlugins gateway,
                         int stormPhones, java.util.OptionalInt phones) {

    /** The site configuration as it is, the production gateway. */
    public static final LabOptions DEFAULT = new LabOptions(Optional.empty());

    public LabOptions {
        Objects.requireNonNull(trunkTransport, "trunkTransport");
        Objects.requireNonNull(gateway, "gateway");
        if (stormPhones < 0) {
            throw new IllegalArgumentException("stormPhones: expected 0 or more, got " + stormPhones);
        }
        Objects.requireNonNull(phones, "phones");
        if (phones.isPresent() && phones.getAsInt() < 1) {
            throw new IllegalArgumentException("phones: expected 1 or more, got " + phones.getAsInt());
        }
    }

    public LabOptions(Optional<Transport> trunkTransport) {
        this(trunkTransport, dev.lifeline.gateway.GatewayPlugins.DEFAULT, 0, java.util.OptionalInt.empty());
    }

    public LabOptions withTrunkTransport(Transport value) {
        return new LabOptions(Optional.of(Objects.requireNonNull(value, "value")), gateway, stormPhones, phones);
    }

    /** Lab phones for the first {@code count} extensions only. */
    public LabOptions withPhones(int count) {
        return new LabOptions(trunkTransport, gateway, stormPhones, java.util.OptionalInt.of(count));
    }

    /**
     * The gateway built with other parts — how tests run the drills against a gateway that
     * misbehaves (e.g. a location store that forgets bindings on restart).
     */
    public LabOptions withGateway(dev.lifeline.gateway.GatewayPlugins value) {
        return new LabOptions(trunkTransport, Objects.requireNonNull(value, "value"), stormPhones, phones);
    }

    /** With {@code count} storm phones. */
    public LabOptions withStormPhones(int count) {
        return new LabOptions(trunkTransport, gateway, count, phones);
    }
}
