/**
 * Change control: a new site configuration applied to the running gateway, kept or undone.
 *
 * <p>{@link dev.lifeline.gateway.change.ConfigDelta} says which parts of a configuration a change
 * touches and which of them need a restart (named field by field); {@link
 * dev.lifeline.gateway.change.HealthGates} judges the gateway after a change against what it was
 * before (trunks registered, paths up, phones still registered); {@link
 * dev.lifeline.gateway.change.Watch} decides, from the gates, an operator's confirmation and the
 * clock, whether an applied version is kept or undone; {@link
 * dev.lifeline.gateway.change.EmergencyRouteCheck} refuses a change that would leave an emergency
 * number without a trunk (asked of the gateway's own router). Those are pure.
 * {@link dev.lifeline.gateway.change.ChangeControl} does the I/O around them: versions in the
 * SQLite store ({@link dev.lifeline.gateway.change.SqliteConfigVersions}), the hot-apply, the
 * events. Version 0 stands for a configuration the gateway was started with but never given as
 * text (a gateway started from records, as in the drill lab): it can be restored, not diffed.
 * Unified diffs of stored versions come from java-diff-utils: a text diff is not this
 * product's core.
 */
package dev.lifeline.gateway.change;
