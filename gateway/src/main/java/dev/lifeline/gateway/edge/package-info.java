/**
 * The gateway's edge: what every SIP request meets before the registrar or the B2BUA.
 *
 * <ol>
 *   <li><b>Bans.</b> A source address with repeated password guesses is banned for a while
 *       ({@link dev.lifeline.gateway.edge.BanRule}, a pure function on a fake-clock-testable
 *       record). Only failures that prove a guess by a sender at that address count: a wrong
 *       answer (or an unknown user) to a live nonce the gateway sent to that very address.
 *       Junk, forged, stale or foreign nonces prove nothing — UDP source addresses are easily
 *       forged, and counting those would let anyone ban a phone with five packets. An address
 *       where a phone holds a live registration needs four times as many guesses. The
 *       {@link dev.lifeline.gateway.edge.BanList} is the SIP stack's
 *       {@link dev.lifeline.sip.stack.SourceFilter}: a banned source's requests are dropped
 *       before a transaction exists, silently (an answer would confirm a live target and cost
 *       us bandwidth), and counted; its responses to the gateway's own requests still pass.</li>
 *   <li><b>Trunks.</b> Requests from a provider address
 *       ({@link dev.lifeline.gateway.edge.TrunkScreen}) are not challenged: providers do not
 *       answer challenges for calls they deliver.</li>
 *   <li><b>Phones.</b> REGISTER is authenticated by the registrar (401, RFC 3261 §22.2); a new
 *       INVITE here (407 Proxy-Authenticate, §22.3), and a phone may only call as itself: From
 *       user = digest user, else 403. This is what keeps an outbound call from being placed by
 *       anyone but an authenticated, authorised extension (no open relay, no toll fraud). OPTIONS
 *       is answered 200 without a challenge: phones probe with it and it reveals nothing.</li>
 *   <li><b>In-dialog requests</b> (To tag), ACK and CANCEL go to the call handler, which knows
 *       its dialogs by Call-ID and tags; 481 when none matches. They are not re-challenged,
 *       because many phones never answer a 407 to a BYE or re-INVITE, and a call whose BYE
 *       fails to authenticate hangs. The trade-off: someone who learns a dialog's Call-ID and
 *       tags (an on-path observer) could end or re-INVITE that call. They cannot start a new
 *       one, so no toll fraud follows from it; TLS transport closes the gap.</li>
 *   <li>Other methods get 405 with Allow (RFC 3261 §21.4.6); in-dialog-only methods outside a
 *       dialog get 481.</li>
 * </ol>
 *
 * <p>{@link dev.lifeline.gateway.edge.NatKeepalive} keeps phones' NAT bindings open (RFC 5626
 * §3.5.1 CRLF, or OPTIONS) from the gateway's own listening sockets.
 */
package dev.lifeline.gateway.edge;
