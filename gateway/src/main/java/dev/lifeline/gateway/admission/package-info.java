/**
 * Admission control: which new requests the gateway takes on when it is loaded, decided
 * before a server transaction exists (RFC 3261 §21.5.4 503 with Retry-After; RFC 5390's
 * overload principles: shed by priority, a fraction at a time, never the emergency call).
 *
 * <ul>
 *   <li>{@link dev.lifeline.gateway.admission.Priority}: emergency INVITE &gt; in-dialog &gt;
 *       new INVITE &gt; REGISTER with credentials &gt; new REGISTER &gt; anything else
 *       (OPTIONS, SUBSCRIBE, MESSAGE...).</li>
 *   <li>{@link dev.lifeline.gateway.admission.AdmissionPolicy}: a pure function of the
 *       priority, the load and a random draw. Load is how long the oldest inbound request
 *       has waited for the gateway (and how many are in progress), so it holds on any
 *       machine.</li>
 *   <li>{@link dev.lifeline.gateway.admission.SourceRates}: per source address, a token
 *       bucket for requests without credentials from anyone but the providers, so one
 *       outsider cannot take the gateway's time; over it, requests are dropped unanswered
 *       (an answer would let a spoofed flood reflect off the gateway).</li>
 * </ul>
 *
 * The gateway's own client transactions (WAN probes, trunk REGISTER, calls to the provider)
 * are not subject to any of this: the transaction layer keeps them in a budget of their own
 * and the stack serves their answers before inbound requests.
 */
package dev.lifeline.gateway.admission;
