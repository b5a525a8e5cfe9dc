/**
 * The provider trunk: the gateway's own registration upstream and its keepalive.
 *
 * <p>{@link dev.lifeline.gateway.trunk.TrunkRegistration} holds every decision as a pure function
 * of (state, input, now), tested on a fake clock; {@link dev.lifeline.gateway.trunk.ProviderTrunk}
 * runs it over a {@link dev.lifeline.sip.stack.SipStack} and reports
 * {@link dev.lifeline.gateway.trunk.TrunkState} changes to a
 * {@link dev.lifeline.gateway.trunk.TrunkListener}.
 *
 * <ul>
 *   <li>RFC 3261 §10.2: REGISTER to {@code sip:domain}, To/From the address of record, one Call-ID
 *       for the trunk's life and a rising CSeq (§10.2.4); the granted expiry is read from our
 *       Contact in the 200; 423 Interval Too Brief is answered at once with the Min-Expires
 *       (§10.2.8); removal with Expires 0 on shutdown; Retry-After honoured (§21.5.4, §20.33).</li>
 *   <li>RFC 3261 §22.2: digest answered by the stack; a 401/407 reaching the trunk means the
 *       credentials were sent and refused, reported as "authentication failed (401 after credentials)".</li>
 *   <li>RFC 5626 §4.5: retries after failures wait min(1800 s, 30 s * 2^failures), drawn between
 *       50 % and 100 % of that ({@link dev.lifeline.gateway.trunk.RetryBackoff}).</li>
 * </ul>
 *
 * <p>Refreshes go out when the larger of 10 % of the granted time and 32 s is left (32 s is Timer
 * F with the default T1, so a refresh that meets a dead provider fails before the binding
 * lapses), never before half-life. OPTIONS every 30 s while registered: two failures in a row
 * mark the trunk failing and send a REGISTER at once. The 1 s path probing of issue 4 lives in
 * the path manager, which calls {@link dev.lifeline.gateway.trunk.ProviderTrunk#moveTo} on a
 * failover: the backoff resets and a REGISTER with the new path's Contact goes out at once,
 * removing the old Contact in the same request.
 *
 * <p>Between the paths' probe rounds and the trunk sit two small pure values the path layer
 * ({@code LivePaths}) keeps: {@link dev.lifeline.gateway.trunk.TargetHealth}, each provider
 * target's run of failed or answered OPTIONS and the decision to move a trunk off a dead target
 * (RFC 3263 §4.3 failover driven by the probes rather than by a failed REGISTER; sticky, with
 * failback to a better RFC 2782 priority only after the hold-down), and
 * {@link dev.lifeline.gateway.trunk.NatMappings}, the public address each target reports in the
 * {@code received}/{@code rport} of its answers' Via (RFC 3581), whose change means the NAT
 * re-mapped us and the registration must be renewed at once (the concern of RFC 5626 §4.4.1).
 *
 * <p>TLS trunks ({@link dev.lifeline.gateway.trunk.TrunkTlsProfiles}): each has its own client
 * profile in the transport (its trust bundle, its optional client certificate), routed by the
 * host names its connections go to, so a provider's chain is judged only against the CAs its
 * trunk trusts (RFC 5922 host name checks stay on).
 *
 * <p>Inbound requests are screened by source IP against the provider's addresses, resolved
 * once with {@link java.net.InetAddress} for now; RFC 3263 per-path resolution comes with issue 4.
 */
package dev.lifeline.gateway.trunk;
