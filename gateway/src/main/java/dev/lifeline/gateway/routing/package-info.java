/**
 * Routing and the B2BUA: what a call is allowed to reach, and carrying it there.
 *
 * <ul>
 *   <li>{@link dev.lifeline.gateway.routing.CallRouter} — the pure decision: emergency numbers
 *       first, as dialled or after an outside-line code (any authenticated extension, every
 *       reachable trunk in priority order, then the configured fallback), then extensions,
 *       groups and the internal pattern (always local), then outbound rules; DIDs for calls
 *       from a trunk. Caller-ID presentation national ↔ E.164 per trunk
 *       ({@link dev.lifeline.gateway.routing.Numbering}).</li>
 *   <li>{@link dev.lifeline.gateway.routing.B2bua} — the I/O shell, a media-relay B2BUA in the
 *       terms of RFC 7092 §3.1.3: the caller's dialog and the callee's are separate RFC 3261
 *       §12 dialogs with their own Call-IDs, tags and CSeqs; the media of every call is anchored
 *       on the relay, its SDP rewritten per leg (RFC 3264 offer/answer, o= versioned per leg).</li>
 * </ul>
 *
 * <p>RFC 3261 sections applied: §16.3 (Max-Forwards 0 → 483; our own branch coming back →
 * 482, applied at the UAS side of the B2BUA), §16.6 (Max-Forwards decremented into the B leg),
 * §16.7 (forking: first 2xx wins, other forks are CANCELled, a 6xx ends the search, the best
 * failure is reported), §9.1 (a CANCEL waits for a provisional response), §13.2.2.4 (every 2xx
 * is ACKed; an unwanted one is ACKed and BYEd), §13.3.1.4 (a 2xx the caller never ACKs ends
 * the call), §15 (BYE from either side ends both), §14 (re-INVITE relayed with SDP anchored).
 *
 * <p>Behaviour choices where the RFCs leave room:
 * <ul>
 *   <li>The callee's ACK is sent when the caller's arrives, so a late offer (INVITE without
 *       SDP) is completed with the caller's answer in that ACK.</li>
 *   <li>Failures are mapped, not copied: a phone that never answers is 480, a provider 408;
 *       401/407 left after the trunk's credentials becomes 503 (a phone cannot answer the
 *       provider's challenge); 487 from our own CANCEL (ring timeout) is 480; redirects are not
 *       followed (480). Gateway-made failures carry {@code Warning: 399} with the reason.</li>
 *   <li>An INVITE to a provider moves to the provider's next RFC 3263 target (§4.3) on a
 *       timeout, a transport error or a 503 received before any provisional response but 100:
 *       the same request (Call-ID, tags, body) as a new transaction, new branch, higher CSeq.
 *       Once a 180/183 came back the target is committed (the callee may be ringing, an
 *       early dialog may exist) and its final answer is the trunk's.</li>
 *   <li>Trunks fail over on "unavailable" (no answer, 408, 500/502/503/504, transport error);
 *       a busy or a 404 from the provider is final. Emergency calls and sequential groups move
 *       on after any failure but a 6xx.</li>
 *   <li>Calls to extensions and trunks ring for at most {@link dev.lifeline.gateway.routing.B2buaSettings#ringTimeout()};
 *       groups for their own ring timeout (per member when sequential).</li>
 *   <li>One audio stream is anchored; other streams are refused with port 0 so that nothing
 *       bypasses the relay.</li>
 *   <li>Each leg's relay ports take media only from the IPs that leg's SDP declared and its
 *       signalling came from: the caller's INVITE source, every target rung while ringing, the
 *       answering one once answered, a provider's new target after a path move. An offer
 *       (INVITE or re-INVITE) whose c= is not an IP literal (a host name, or 999.1.1.1) is
 *       refused with 488 and a Warning: names in SDP are never resolved on the B2BUA's thread.
 *       Such an address in an answer leaves the leg to latch from its signalling address.</li>
 *   <li>Admission ({@link dev.lifeline.gateway.routing.CallAdmission}) before a call takes relay
 *       ports, after the edge authenticated the phone or screened the provider's address: an
 *       extension may have {@code dialPlan.maxCallsPerExtension} calls up, a trunk's provider
 *       {@code dialPlan.maxRingingPerTrunk} calls ringing; beyond, 503 with the reason. Emergency
 *       calls are never counted or refused. One call rings at most {@code registrar.maxContacts}
 *       contacts of an extension (the registrar keeps no more).</li>
 *   <li>A CANCEL ends a ringing call only when it matches the caller's INVITE as §9.2 says (top
 *       Via branch and sent-by, Request-URI, Call-ID, From tag, CSeq): the stack answers any
 *       other 481, and the call rings on.</li>
 *   <li>A REFER toward a provider is refused with 403: the provider would call its Refer-To,
 *       a number the dial plan never checked. Between phones it passes, since the referred
 *       phone's INVITE comes back through authentication and the dial plan.</li>
 *   <li>In-dialog requests go to the flow the party is reached on (the phone's NAT-learnt
 *       address, the trunk's target), not to a resolution of its Contact.</li>
 *   <li>The 2xx ACK toward a provider that challenged the INVITE carries no credentials: the
 *       stack answers the challenge internally, so they are not known here (providers do not
 *       challenge ACK).</li>
 * </ul>
 */
package dev.lifeline.gateway.routing;
