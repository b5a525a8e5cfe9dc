/**
 * SIP digest authentication, both sides: the gateway challenging its phones and the gateway
 * answering its provider's challenges.
 *
 * <ul>
 *   <li>RFC 3261 §22 — how SIP uses HTTP digest (401 WWW-Authenticate / 407 Proxy-Authenticate,
 *       the {@code uri} parameter is the Request-URI, a realm per protection domain).</li>
 *   <li>RFC 7616 — the digest computation: qop {@code auth} and {@code auth-int}, the
 *       {@code -sess} variants, nonce counts, {@code stale=true}, optional {@code userhash}.</li>
 *   <li>RFC 8760 — SHA-256 and SHA-512-256 for SIP; a server sends one challenge per algorithm,
 *       most preferred first, and a client answers the strongest it supports.</li>
 *   <li>RFC 2617 — answers without qop carry no nonce count and could be replayed, so they
 *       are refused with a fresh challenge unless explicitly allowed for old phones, and then
 *       each nonce serves one answer only. The client side still answers such challenges,
 *       since some providers send them.</li>
 * </ul>
 *
 * <p>Written here rather than taken from a library because it is small, core and
 * security-critical, and because the policy around the arithmetic is the product's own:
 * nonces that any gateway node can verify without state (a timestamp and an HMAC under the
 * gateway's secret, and bound to the address they were sent to so that only a sender that saw
 * the challenge can be blamed for a wrong answer), a nonce-count replay window whose memory
 * stays bounded under a registration flood, and rejection reasons a voice engineer can act on without any secret
 * (password, HA1, key) ever reaching a reason, a log or a {@code toString}.
 *
 * <p>Everything here is pure: no I/O, time comes from an injected {@link java.time.InstantSource}
 * and randomness from an injected {@link java.util.random.RandomGenerator}. The API speaks
 * strings and {@link dev.lifeline.sip.message.AuthHeader}, not the message model, so the
 * transaction layer can call it with whatever it has parsed.
 */
package dev.lifeline.sip.auth;
