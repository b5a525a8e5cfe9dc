/**
 * Prometheus metrics for the admin listener's {@code GET /metrics}, on Micrometer's Prometheus
 * registry (DESIGN.md "Chosen dependencies"; the text exposition format is not written here).
 * {@link dev.lifeline.gateway.metrics.GatewayMetrics} owns the registry and is fed two ways
 * only, so no counter is sprinkled through the core: it reads the one event stream (counters
 * and histograms: switches, calls, MOS, registrations, bans, DNS, certificates) and it reads
 * the live state at scrape time through {@link dev.lifeline.gateway.metrics.LiveState} (gauges
 * and function counters: path quality, trunk state, bindings, admission, transactions, relay
 * ports). Names follow the Kamailio and Asterisk exporters' conventions: prefix
 * {@code lifeline_}, {@code lifeline_up}, counters ending {@code _total}, states as numbers
 * with documented values, labels {@code path}, {@code trunk}, {@code target}. Every metric,
 * its type, labels and values are listed in {@code docs/metrics.md}.
 */
package dev.lifeline.gateway.metrics;
