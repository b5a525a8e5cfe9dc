/**
 * The registrar of RFC 3261 §10.3 as a pure decision: {@link dev.lifeline.gateway.registrar.Registrar#handle}
 * takes an authenticated REGISTER, where it came from and the AOR's current bindings, and
 * returns the response, the binding changes and the events — no I/O, the clock and random
 * source injected. {@link dev.lifeline.gateway.registrar.RegisterHandler} is the edge around
 * it: digest authentication (RFC 3261 §22, RFC 7616), the durable store, the event sink.
 *
 * <p>Implemented: §10.3 steps 2 (Require, 420), 5 (To must be the authenticated user's own
 * AOR: a phone cannot register someone else's number), 6 ({@code Contact: *}), 7 (Call-ID /
 * CSeq ordering, all-or-nothing commit), 8 (200 OK listing every binding with its remaining
 * expires); 423 Interval Too Brief with Min-Expires (§10.3, §20.23). Bindings keep the flow
 * the REGISTER used (RFC 3581 received/rport, RFC 5626 §5 flows) and +sip.instance / reg-id
 * (RFC 5626 §4.2, §6). Granted expiries are spread within a configured band so that phones
 * that rebooted together do not refresh together. At most {@code maxContacts} bindings per AOR
 * (RFC 3261 sets no limit): a new contact beyond it replaces the least recently refreshed one,
 * so a phone rebooting onto new ports is never locked out and a refresh never refused.
 *
 * <p>Not implemented: Path (RFC 3327), GRUU (RFC 5627), domain checks of the Request-URI
 * (§10.3 step 1; the gateway serves one domain).
 */
package dev.lifeline.gateway.registrar;
