/**
 * One typed event stream for every state change of the gateway (DESIGN.md "One event stream"):
 * registrations saved, removed and expired (RFC 3261 §10.3), rejected registrations and bans,
 * trunk and path state, calls. Producers write to an {@link dev.lifeline.gateway.events.EventSink};
 * the {@link dev.lifeline.gateway.events.SqliteEventLog} keeps them in the gateway's SQLite file
 * (append-only, JSON payload per event) for the admin API, the drill report and tests.
 */
package dev.lifeline.gateway.events;
