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
     * Whether an admitted request goes before the inbound requests already waiting for the TU
     * (an emergency call during a registration storm). Asked on a transport thread for each
     * admitted new request: quick, no I/O. Few requests may go first at a time (see
     * {@link CallbackLanes}), so a flood of such requests cannot starve the others.
     */
    default boolean goesFirst(SipRequest request) {
        return false;
    }

    /**
     * The same question for a datagram still unparsed, so that it goes ahead already in the
     * UDP ingress ({@link dev.lifeline.sip.transport.IngressPriority}); asked on an I/O thread
     * for every request datagram, from the bytes alone.
     */
    default boolean goesFirstOnArrival(byte[] datagram, int length) {
        return false;
    }

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
