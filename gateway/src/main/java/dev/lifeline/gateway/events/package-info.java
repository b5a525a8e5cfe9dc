/**
 * One typed event stream for every state change of the gateway (DESIGN.md "One event stream"):
 * registrations saved, removed and expired (RFC 3261 §10.3), rejected registrations and bans,
 * trunk and path state, calls. Producers write to an {@link dev.lifeline.gateway.events.EventSink};
 * the {@link dev.lifeline.gateway.events.SqliteEventLog} keeps them in the gateway's SQLite file
 * (JSON payload per event) for the admin API, the drill report and tests. The log is bounded:
 * repeats of events anyone on the network can cause fold into one counted row, and rows past
 * the configured age or number are deleted. {@link dev.lifeline.gateway.events.ControlCharacters}
 * escapes what came from the network before it reaches a terminal.
 */
package dev.lifeline.gateway.events;
