/**
 * The location service of RFC 3261 §10 (§10.3 step 7): bindings from an address of record to
 * the contacts where its phones can be reached, split from the SIP rules that decide them as
 * Kamailio splits usrloc from registrar. A binding keeps the flow the REGISTER arrived on —
 * transport, source address and port (RFC 3581 rport/received), local address and connection
 * (RFC 5626 §5, flows) — because behind a NAT only that flow reaches the phone, and the
 * +sip.instance / reg-id pair (RFC 5626 §4.2) that names the binding for outbound phones.
 *
 * <p>{@link dev.lifeline.gateway.registrar.location.SqliteLocationStore} acknowledges a change
 * only once it is durable (see {@link dev.lifeline.gateway.storage}).
 */
package dev.lifeline.gateway.registrar.location;
