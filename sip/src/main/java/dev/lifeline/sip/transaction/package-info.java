/**
 * SIP transactions: RFC 3261 §17 (client and server, INVITE and non-INVITE, figures 5 to 8,
 * timers A to K of table 4, matching of §17.1.3 and §17.2.3 including the RFC 2543 fallback),
 * corrected by RFC 6026 (the Accepted state and Timers L and M, so that retransmitted 2xx and
 * INVITEs are neither lost nor mistaken for new requests), and CANCEL matching per §9.2.
 *
 * <p>Written here rather than taken from JAIN-SIP or another stack because retransmission and
 * timeout behaviour is what a survivable gateway is judged on during a WAN failure: every
 * timer must be configurable (T1 per path), testable on virtual time, and free of the
 * thread-per-transaction model of the old stacks.
 *
 * <p>Two layers. The four machines ({@link dev.lifeline.sip.transaction.InviteClient},
 * {@link dev.lifeline.sip.transaction.NonInviteClient},
 * {@link dev.lifeline.sip.transaction.InviteServer},
 * {@link dev.lifeline.sip.transaction.NonInviteServer}) are immutable values with a pure
 * {@code next(event, now) -> Step(machine, actions)}: no I/O, no threads, no clock reads.
 * {@link dev.lifeline.sip.transaction.TransactionLayer} is the driver: the table, the timers
 * (through {@link dev.lifeline.sip.transaction.TimerScheduler}), the wire (through
 * {@link dev.lifeline.sip.transaction.MessageSender}) and the TU
 * ({@link dev.lifeline.sip.transaction.TransactionUser}).
 *
 * <p>Choices the RFC leaves open: an INVITE server transaction sends 100 Trying itself after
 * 200 ms of TU silence (at once if the INVITE is retransmitted first); Timer D is
 * max(32 s, 64*T1); a transport error on an INVITE server transaction is reported but, per
 * RFC 6026 §8.7, does not end it.
 */
package dev.lifeline.sip.transaction;
