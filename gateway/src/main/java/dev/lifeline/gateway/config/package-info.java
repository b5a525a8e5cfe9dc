/**
 * The site configuration: one YAML file read into immutable records ({@link
 * dev.lifeline.gateway.config.SiteConfig} and its parts) and validated once, before anything
 * starts.
 *
 * <p>What is validated: the shape of every section (unknown keys are reported with the
 * closest known one, since a misspelt {@code pasword} would otherwise silently leave an
 * extension without its password); each value's form (numbers, E.164 DIDs, addresses and
 * ports, durations with units, regexes that compile, DSCP values, HA1 lengths); and that
 * the parts refer to each other correctly (group members are extensions, DIDs point at an
 * extension or group, dial-plan rules name trunks that exist, emergency numbers are not
 * also local numbers, no number, name, path address or priority is used twice).
 *
 * <p>Why errors carry {@code file:line:column: field: message}: the person reading them is
 * a voice engineer at a site, often mid-incident. Every problem is found in one pass and
 * points at the place to edit, names the field, and says what is expected, so one run of
 * {@code lifeline config check} is enough. Locations come from Jackson's streaming parser
 * ({@link dev.lifeline.gateway.config.YamlTree}), because Jackson's tree model drops them.
 * Secrets (passwords, HA1 values, tokens) never appear in messages or in {@code toString()}.
 *
 * <p>Defaults follow DESIGN.md "Defaults that matter": OPTIONS probes every 1 s with a 1 s
 * timeout, 600 ms quality silence, 3 failed OPTIONS, R floor 70 for 5 s, 10 s hold-down,
 * preemptive failback; registrations 60 s to 3600 s granted at 80-100 %; NAT keepalive
 * 25 s; RTP EF (46), SIP CS3 (24); RFC 3261 timers T1 500 ms, T2 4 s, T4 5 s.
 */
package dev.lifeline.gateway.config;
