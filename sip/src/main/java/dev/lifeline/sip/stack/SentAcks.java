package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transaction.TimerScheduler;
import dev.lifeline.sip.transport.Target;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The ACKs we sent for 2xx responses, kept for 64*T1 so that a retransmitted 2xx (the UAS did
 * not get our ACK) is answered with the same ACK again (RFC 3261 §13.2.2.4) without involving
 * the application.
 */
final class SentAcks {

    /** What ties a 2xx to its ACK: the dialog (Call-ID, remote tag) and the INVITE's CSeq number. */
    record Key(String callId, long cseq, String toTag) {
        static Key of(SipMessage message) {
            return new Key(message.callId(), message.cseq().number(), message.to().tag().orElse(""));
        }
    }

    record Sent(SipRequest ack, Target target) {
    }

    private final ConcurrentMap<Key, Sent> acks = new ConcurrentHashMap<>();
    private final TimerScheduler scheduler;
    private final Duration keep;

    SentAcks(TimerScheduler scheduler, Duration keep) {
        this.scheduler = scheduler;
        this.keep = keep;
    }

    void remember(SipRequest ack, Target target) {
        Key key = Key.of(ack);
        Sent sent = new Sent(ack, target);
        acks.put(key, sent);
        scheduler.schedule(keep, () -> acks.remove(key, sent));
    }

    /** The ACK to send again for a retransmitted 2xx, if we acknowledged it before. */
    Optional<Sent> forRetransmitted(SipResponse twoXx) {
        return Optional.ofNullable(acks.get(Key.of(twoXx)));
    }

    int size() {
        return acks.size();
    }
}
