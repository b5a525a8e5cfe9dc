/**
 * The SIP stack facade: what a gateway, registrar, trunk and the drill lab's phones and
 * provider use to speak SIP. It joins the transports ({@code sip.transport}) and the
 * transaction layer ({@code sip.transaction}) and does the UA-core chores RFC 3261 leaves
 * above the transactions:
 *
 * <ul>
 *   <li>§8.1.1.7, RFC 3581: a request without Via gets one (sent-by of the listen point for the
 *       target's transport, a fresh z9hG4bK branch, rport); §8.1.1.6 Max-Forwards 70.</li>
 *   <li>§8.1.3.5, §22.2: {@link dev.lifeline.sip.stack.SipStack#requestWithAuth} answers a
 *       401/407 once (and once more when the next challenge is stale).</li>
 *   <li>§13.3.1.4: a 2xx to an INVITE is retransmitted by the UAS core, T1 doubling to T2,
 *       until its ACK arrives or 64*T1 passes ({@link dev.lifeline.sip.stack.TwoXxRetransmitter}).</li>
 *   <li>§13.2.2.4: the UAC's ACK for a 2xx is sent statelessly and sent again for each
 *       retransmission of that 2xx.</li>
 *   <li>§9.2: a CANCEL is answered by the stack, 200 (and 487 for the INVITE if the handler
 *       has not sent a final response) or 481 when no transaction matches; the handler then
 *       sees the CANCEL. §9.1: {@link dev.lifeline.sip.stack.CancelRequest}.</li>
 *   <li>§12: {@link dev.lifeline.sip.stack.Dialog} builds ACK, BYE and re-INVITE from the
 *       INVITE and its response (route set, remote target, CSeq, strict-router fallback).</li>
 * </ul>
 *
 * <p>Behaviour choices: a request nobody answers completes exceptionally with
 * {@link dev.lifeline.sip.stack.SipTimeoutException}, not with a synthesized 408, so that
 * "the peer said 408" and "no one answered" stay apart for failover decisions; a transport
 * failure (TCP connection refused) completes with the transport's
 * {@link dev.lifeline.sip.transport.TransportException} at once rather than after Timer F.
 * All application callbacks run on one stack thread in arrival order.
 *
 * <p>Not yet: connection drops are not reported to transactions (a TCP request whose
 * connection closes waits for Timer F); no RFC 3263 resolution here (targets come resolved);
 * no forking proxy behaviour.
 */
package dev.lifeline.sip.stack;
