/**
 * Simulated phones for the drill lab, measuring what a user would hear.
 *
 * <p>{@link dev.lifeline.drill.lab.phone.LabPhone} is a SIP phone on the project's own stack
 * ({@code sip.stack}): it registers over UDP from a loopback address with digest
 * authentication (RFC 3261 §22, RFC 7616; 401 and 407 answered by
 * {@code SipStack.requestWithAuth}), refreshes before the granted expiry (same Call-ID, rising
 * CSeq, §10.2.4), retries with randomised back-off, places calls with a G.711 offer
 * (RFC 3264, RFC 3551), answers after a ring delay, and ends calls with BYE or CANCEL (§9, §15).
 * Each call sends a speech-like test signal ({@code media.quality.SpeechLikeSignal}) as RTP every
 * 20 ms (RFC 3550) and plays what arrives through an adaptive jitter buffer
 * ({@code media.jitter}); the result ({@link dev.lifeline.drill.lab.phone.CallResult}) holds the
 * setup time, the final status and the received audio rated by the ITU-T G.107 E-model
 * ({@code media.quality.PlayoutQuality}): loss including late packets, jitter, mouth-to-ear
 * delay, MOS and the longest audio gap.
 *
 * <p>One-way delay: every packet carries its send time in an RFC 8285 one-byte header extension
 * (a lab-only element, announced with {@code a=extmap}); phones in one JVM share the monotonic
 * clock, so arrival minus send time is the network's delay, no RTCP round trip needed. From
 * another peer the delay is taken as 0 and the result says it was not measured.
 *
 * <p>Each phone's RTP crosses its own {@link dev.lifeline.drill.lab.phone.LanSegment}, the LAN
 * between it and the gateway: clean unless a drill impairs it ({@code impairLan}), then packets
 * are really dropped before the socket (toward the gateway) or before the jitter buffer (toward
 * the phone), decided by the WAN emulator's pure link model.
 *
 * <p>{@link dev.lifeline.drill.lab.phone.PhoneFleet} starts N phones with a bound on
 * registrations in flight and answers "were all phones back within N s" (failure F5).
 *
 * <p>Threads: one {@link dev.lifeline.drill.lab.phone.PhoneRuntime} thread owns every phone's RTP
 * sockets, call state and timers and runs one 20 ms tick for all calls; each phone's SIP stack
 * has its own I/O, timer and callback threads (the stack does not share them yet), whose
 * callbacks hop onto the runtime thread.
 *
 * <p>Written here rather than driving an external phone simulator (SIPp, pjsua) because the
 * drills need the receiver's view per call (late packets, playout delay, audio gaps) as values in
 * the same JVM, on the same event stream and clock as the gateway under test.
 *
 * <p>Hold (RFC 3264 §8.4): {@link dev.lifeline.drill.lab.phone.PhoneCall#hold()} sends a re-INVITE
 * offering a=sendonly and the phone goes on sending (music or silence on hold), {@code resume()}
 * offers a=sendrecv again; a phone whose far end holds it answers recvonly (inactive to inactive)
 * and sends nothing until the resume. The result counts the audio heard while held and after the
 * resume ({@link dev.lifeline.drill.lab.phone.CallResult.Hold}).
 *
 * <p>Quiet talker: {@link dev.lifeline.drill.lab.phone.PhoneCall#quiet(boolean)} replaces speech
 * frames with RFC 3389 comfort noise (payload type 13, offered in the SDP beside G.711), one SID
 * packet every 500 ms; comfort noise received goes to the jitter buffer as silence (its sequence
 * number is no loss) and is counted in the result.
 *
 * <p>Not done: SRTP, DTMF, TCP/TLS transport, RTCP.
 */
package dev.lifeline.drill.lab.phone;
