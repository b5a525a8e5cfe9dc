/**
 * Call records: one row per finished call (who, when, how it ended, quality per direction),
 * kept in the gateway's SQLite file next to bindings and events and written through the same
 * group-commit writer. The B2BUA ({@code routing}) writes them; the admin API reads them.
 *
 * <p>Also which leg of a call is losing packets ({@link dev.lifeline.gateway.calls.LegBlame}, a
 * pure function of the legs' RFC 3550 figures): the phone ↔ gateway leg (LAN) or the gateway ↔
 * provider leg (WAN), each judged on the stream arriving at the gateway's relay on it. The
 * verdict goes into {@code CallEnded}, the admin API's calls, {@code status}, the dashboard and
 * the metrics.
 */
package dev.lifeline.gateway.calls;
