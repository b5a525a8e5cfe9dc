package dev.lifeline.drill.lab.wan;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * What a WAN emulator reports: every fault applied (with the instant it took effect, which the
 * drills measure from) and the NAT's mapping changes. Delivered to a
 * {@link WanEmulator#onEvent listener} on the thread that caused it.
 */
public sealed interface WanEvent {

    /** The emulator's name (usually the path's). */
    String emulator();

    /** When it happened, on the emulator's clock. */
    Instant at();

    /** One direction's impairment changed; from {@code at} on, packets meet {@code current}. */
    record ImpairmentChanged(String emulator, Direction direction, Impairment previous,
                             Impairment current, Instant at) implements WanEvent {
    }

    /** The NAT dropped all dynamic mappings (a reboot): new traffic gets new public ports. */
    record PortsChanged(String emulator, int mappingsReset, Instant at) implements WanEvent {
    }

    /** A new mapping: the inside source now appears to the provider as {@code outside}. */
    record MappingCreated(String emulator, InetSocketAddress inside, InetSocketAddress outside,
                          Instant at) implements WanEvent {
    }

    /** A mapping was forgotten after being idle for the NAT timeout. */
    record MappingExpired(String emulator, InetSocketAddress inside, InetSocketAddress outside,
                          Instant at) implements WanEvent {
    }
}
