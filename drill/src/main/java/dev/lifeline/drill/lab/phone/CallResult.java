package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.quality.PlayoutQuality;
import java.time.Duration;
import java.util.Optional;

/**
 * How one call went, from one phone's side.
 *
 * @param callId       the SIP Call-ID
 * @param direction    placed or received by this phone
 * @param peer         the number called, or the caller's From URI
 * @param setupTime    INVITE sent to 200 received (outgoing calls that were answered)
 * @param finalStatus  the final response: 200 when answered, the failure status otherwise,
 *                     0 when none came (timeout, transport failure)
 * @param failure      why the call failed, when it did, in words fit for a report
 * @param talkTime     from answer to hang-up
 * @param endedBy      who ended the call
 * @param quality      the received audio rated (answered calls whose media started)
 * @param networkDelayMeasured whether the one-way network delay in the quality came from the
 *                     peer's send-time stamps (false: taken as 0, the peer is not a lab phone)
 * @param packetsSent  RTP packets this phone sent
 * @param hold         what holding did to the call, {@link Hold#NONE} when the phone never held it
 * @param comfortNoiseReceived RFC 3389 comfort-noise packets that reached the phone (a quiet far end)
 */
public record CallResult(String callId, Direction direction, String peer, Optional<Duration> setupTime,
                         int finalStatus, Optional<String> failure, Duration talkTime, EndedBy endedBy,
                         Optional<PlayoutQuality> quality, boolean networkDelayMeasured, long packetsSent,
                         Hold hold, long comfortNoiseReceived) {

    /**
     * The phone's holds of the call (re-INVITE a=sendonly, RFC 3264 §8.4) and resumes (a=sendrecv).
     *
     * @param holds            holds the far end accepted (2xx)
     * @param resumes          resumes the far end accepted (2xx)
     * @param heardWhileHeld   audio packets that reached the phone while the call was held (a far end
     *                         that honours the hold sends none, the re-INVITE's round trip aside)
     * @param heardAfterResume audio packets that reached the phone after the last accepted resume
     */
    public record Hold(int holds, int resumes, long heardWhileHeld, long heardAfterResume) {
        public static final Hold NONE = new Hold(0, 0, 0, 0);
    }

    /** Placed or received. */
    public enum Direction { OUTGOING, INCOMING }

    /** Who ended the call. */
    public enum EndedBy {
        /** This phone hung up (BYE sent). */
        LOCAL,
        /** The other side hung up (BYE received). */
        REMOTE,
        /** Never answered: rejected, cancelled, timed out or failed. */
        NOT_ANSWERED
    }

    public boolean answered() {
        return finalStatus >= 200 && finalStatus < 300;
    }

    /** The MOS of what this phone heard; empty when there was no media. */
    public Optional<Double> mos() {
        return quality.map(PlayoutQuality::mos);
    }

    @Override
    public String toString() {
        return "CallResult[" + direction + " " + peer + ", " + (answered() ? "answered" : "status " + finalStatus)
                + setupTime.map(d -> ", setup " + d.toMillis() + " ms").orElse("")
                + failure.map(f -> ", " + f).orElse("")
                + quality.map(q -> ", " + q).orElse("") + "]";
    }
}
