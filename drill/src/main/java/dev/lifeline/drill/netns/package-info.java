/**
 * The kernel-level lab, {@code lifeline drill --netns} (Linux, root): the built-in scenarios
 * run on real kernel links around the real gateway process and third-party peers, with faults
 * made by the kernel and figures read from packet captures (DESIGN.md "The in-process lab",
 * its later mode; issue 11).
 *
 * <p>What it owns:
 * <ul>
 *   <li>the topology as data ({@link dev.lifeline.drill.netns.NetnsPlan}): namespaces
 *       {@code site} (the gateway; uplinks wan1/wan2 over veth with policy routing
 *       {@code ip rule from <wanN address> table 10N}), {@code isp1}/{@code isp2} (nftables
 *       masquerade, conntrack UDP timeouts), {@code inet} (Kamailio as the provider, one dnsmasq
 *       resolver per path, the quality-probe reflector) and {@code lan}; every name carries a
 *       per-run prefix with the owning pid, so parallel runs never collide and a dead run's
 *       namespaces are recognised and removed at the next start;</li>
 *   <li>the run ({@link dev.lifeline.drill.netns.NetnsLab}): builds it, starts each program
 *       through {@code ip netns exec}, stops each by its PID and removes the namespaces at the
 *       end, on failure and on Ctrl-C (shutdown hook);</li>
 *   <li>which built-in scenarios run here and how
 *       ({@link dev.lifeline.drill.netns.NetnsSuite}): {@code blackhole} becomes
 *       {@code ip link set down} or an nft drop at the ISP ({@link dev.lifeline.drill.netns.KernelFault});
 *       the other faults the kernel makes ({@link dev.lifeline.drill.netns.KernelStep}, commands in
 *       {@link dev.lifeline.drill.netns.NetnsPlan}): random loss by nft {@code numgen random} (not
 *       netem, which is not on every kernel), SIP only dropped by an nft rule, NAT state lost by
 *       {@code conntrack -F} at the ISP, a resolver silenced by SIGSTOP or answering SERVFAIL/REFUSED
 *       (its address DNAT-ed in inet to a second dnsmasq that answers so: DNSSEC validation over the
 *       unsigned zone abandoned, or no upstream at all), the ISP's masquerade moved to other ports
 *       (a NAT port change), and conntrack UDP timeouts set per scenario in the ISP namespaces
 *       ({@link dev.lifeline.drill.netns.NetnsSuite#udpTimeouts}); each is undone by its step's
 *       opposite and every one still in force at the end, also when the run failed. Steps and SLOs
 *       the lab cannot carry out or observe are left out and listed in the reading;</li>
 *   <li>the provider's two SRV targets: {@code sip1} (198.18.0.10, priority 10) and {@code sip2}
 *       (198.18.0.11, priority 20), weight 10 each as the in-process lab provider publishes them,
 *       each a Kamailio of its own with its own registrar (an SBC pair without a shared location
 *       table: a DID call for a trunk registered with the other target is handed to it once; the
 *       far end registers with both). {@code providerFault silent} stops a target's Kamailio, main
 *       process and workers, by SIGSTOP (a hung node), continued by SIGCONT at {@code healthy} and
 *       at the end; {@code 503}/{@code 408}/{@code dropped} are not made here and say why.
 *       {@code dnsRemove} restarts the path's dnsmasq by its PID without the record set (dnsmasq
 *       does not re-read {@code --srv-host} on SIGHUP); the removal lasts the run, as in-process;</li>
 *   <li>the calls ({@link dev.lifeline.drill.netns.LabPhone}): one baresip per extension a
 *       scenario uses, registered with its own password (10.201.0.2 in lan; each further phone
 *       in a namespace of its own on a macvlan of lan0, 10.201.0.3, …, because baresip's RTP
 *       socket is unbound and takes its namespace's source address), one call at a time each;
 *       and one baresip caller per inbound-call step in inet, presenting the step's caller ID and
 *       dialling the site's DID through Kamailio;</li>
 *   <li>the figures ({@link dev.lifeline.drill.netns.PcapReader},
 *       {@link dev.lifeline.drill.netns.CaptureFigures}): tcpdump writes a pcap on each ISP's
 *       site-facing veth; detection is the first SIP request (not an OPTIONS probe) from the
 *       site on the other uplink after the fault, re-registration the provider's 200 OK to the
 *       REGISTER there, failback the 200 OK on the restored uplink; from the capture on lan0,
 *       calls attempted/answered/failed, setup time (the phone's INVITE to the 200 OK it got),
 *       calls dropped (a BYE to the phone before the planned end), the audio gap and one-way
 *       audio (RTP at the call's own port), inbound calls delivered and the caller ID shown (the
 *       From of the INVITE the phone answered) — each labelled with the capture it was read from;</li>
 *   <li>the audio as a phone heard it ({@link dev.lifeline.drill.netns.HeardAudio},
 *       {@link dev.lifeline.drill.netns.HeardFigures}): every baresip sends a numbered signal (each
 *       20 ms frame carries its index in tones) and records what it decodes (sndfile); the site
 *       phones' recordings give the frames not heard, the loss and longest gap heard and the ITU-T
 *       G.107 MOS-CQE for G.711 from that loss ({@code mos_heard_phone}, {@code loss_heard_phone_pct},
 *       {@code audio_gap_heard_phone_s}), each next to the RTP loss lan.pcap saw on the phone's leg;</li>
 *   <li>the lab standing in for a real site ({@code drill --netns --site},
 *       {@link dev.lifeline.drill.netns.NetnsSiteDrill}): the lab's site file gets fault
 *       injection and a {@code drill:} section ({@link dev.lifeline.drill.netns.LabSiteDrill}),
 *       and {@code lifeline drill --site} runs as a separate process in the site namespace, on the
 *       gateway host as on a site; the path cut's detection and re-registration are also read
 *       from wan2's capture and added next to the gateway's word.</li>
 * </ul>
 * The gateway runs as {@code lifeline gateway run} on the user's site file with only the
 * network rewritten ({@link dev.lifeline.drill.netns.LabSite}), so its failover settings are the
 * ones judged.
 */
package dev.lifeline.drill.netns;
