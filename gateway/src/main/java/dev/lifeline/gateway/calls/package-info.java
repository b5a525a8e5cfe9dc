/**
 * Call records: one row per finished call (who, when, how it ended, quality per direction),
 * kept in the gateway's SQLite file next to bindings and events and written through the same
 * group-commit writer. The B2BUA ({@code routing}) writes them; the admin API reads them.
 */
package dev.lifeline.gateway.calls;
