/**
 * The continuity drills: an in-process lab on loopback (provider, phones, WAN emulator, DNS)
 * and the scenarios that inject real networks' failures into a running gateway and measure
 * what its users would feel.
 *
 * <p>Lab parts, each in its own package: {@code lab.wan} (per-path NAT and impairment relay),
 * {@code lab.provider} (a SIP provider with several targets and a probe reflector),
 * {@code lab.phone} (simulated phones with RTP and an adaptive jitter buffer), {@code lab.dns}
 * (an authoritative server with one resolver endpoint per path).
 */
package dev.lifeline.drill;
