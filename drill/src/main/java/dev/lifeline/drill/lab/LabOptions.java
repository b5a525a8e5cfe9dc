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
 */
public record LabOptions(Optional<Transport> trunkTransport, dev.lifeline.gateway.GatewayPlugins gateway) {

    /** The site configuration as it is, the production gateway. */
    public static final LabOptions DEFAULT = new LabOptions(Optional.empty());

    public LabOptions {
        Objects.requireNonNull(trunkTransport, "trunkTransport");
        Objects.requireNonNull(gateway, "gateway");
    }

    public LabOptions(Optional<Transport> trunkTransport) {
        this(trunkTransport, dev.lifeline.gateway.GatewayPlugins.DEFAULT);
    }

    public LabOptions withTrunkTransport(Transport value) {
        return new LabOptions(Optional.of(Objects.requireNonNull(value, "value")), gateway);
    }

    /**
     * The gateway built with other parts — how tests run the drills against a gateway that
     * misbehaves (e.g. a location store that forgets bindings on restart).
     */
    public LabOptions withGateway(dev.lifeline.gateway.GatewayPlugins value) {
        return new LabOptions(trunkTransport, Objects.requireNonNull(value, "value"));
    }
}
