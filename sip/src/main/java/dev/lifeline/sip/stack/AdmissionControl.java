package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.transaction.Admission;
import java.time.Duration;

/**
 * The TU's say over which new requests the stack takes on (see
 * {@link dev.lifeline.sip.transaction.ServerAdmission}), given how loaded the stack is. Runs on
 * a transport thread under the transaction layer's lock: quick, no I/O, never blocking.
 */
@FunctionalInterface
public interface AdmissionControl {

    Admission admit(SipRequest request, Source source, Load load);

    /**
     * @param inProgress server transactions not answered finally yet
     * @param waiting    inbound requests queued for the TU
     * @param oldestWait how long the oldest of them has waited: the load signal that holds on
     *                   any machine, since it measures the TU falling behind, not a count
     */
    record Load(int inProgress, int waiting, Duration oldestWait) {

        public static final Load IDLE = new Load(0, 0, Duration.ZERO);
    }

    static AdmissionControl all() {
        return (request, source, load) -> Admission.ADMIT;
    }
}
