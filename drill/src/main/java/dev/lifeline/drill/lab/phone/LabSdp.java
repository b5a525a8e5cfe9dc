package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.Direction;
import dev.lifeline.media.sdp.MediaDescription;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.message.SipMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lab phones' SDP (RFC 4566, offer/answer RFC 3264): one audio stream, one G.711 format,
 * 20 ms, with comfort noise (RFC 3389, payload type {@value #COMFORT_NOISE}) offered beside it,
 * and the stream's direction (sendrecv; sendonly while the phone holds the call, RFC 3264 §8.4).
 */
final class LabSdp {

    static final String CONTENT_TYPE = "application/sdp";
    /** RFC 3389 comfort noise, static payload type 13 (RFC 3551). */
    static final int COMFORT_NOISE = 13;

    private LabSdp() {
    }

    /** An offer or answer for audio on {@code rtp} with payload type {@code pt} (0 PCMU, 8 PCMA), sendrecv. */
    static byte[] describe(String user, InetSocketAddress rtp, long sessionId, int pt) {
        return describe(user, rtp, sessionId, 1, pt, Direction.SENDRECV);
    }

    /** As {@link #describe(String, InetSocketAddress, long, int)}, at SDP version {@code version}, {@code direction}. */
    static byte[] describe(String user, InetSocketAddress rtp, long sessionId, long version, int pt,
                           Direction direction) {
        String host = rtp.getAddress().getHostAddress();
        String encoding = pt == 8 ? "PCMA" : "PCMU";
        return ("v=0\r\n"
                + "o=" + user + " " + sessionId + " " + version + " IN IP4 " + host + "\r\n"
                + "s=lifeline lab phone\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtp.getPort() + " RTP/AVP " + pt + " " + COMFORT_NOISE + "\r\n"
                + "a=rtpmap:" + pt + " " + encoding + "/8000\r\n"
                + "a=rtpmap:" + COMFORT_NOISE + " CN/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=extmap:" + RtpFrames.SEND_TIME_ID + " " + RtpFrames.SEND_TIME_URI + "\r\n"
                + "a=" + direction.name().toLowerCase(java.util.Locale.ROOT) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The parsed SDP of a message's body, when it has a valid one. */
    static Optional<SessionDescription> of(SipMessage message) {
        if (message.body().length == 0) {
            return Optional.empty();
        }
        return SessionDescription.parse(new String(message.body(), StandardCharsets.UTF_8)) instanceof SdpResult.Parsed p
                ? Optional.of(p.sdp()) : Optional.empty();
    }

    /** Whether the first audio stream offers payload type {@code pt}. */
    static boolean offers(SessionDescription sdp, int pt) {
        return sdp.media().stream().findFirst()
                .map(MediaDescription::mediaLine)
                .filter(m -> m.media().equals("audio") && !m.isDisabled())
                .map(m -> m.formats().contains(Integer.toString(pt)))
                .orElse(false);
    }

    /** The first stream's direction (sendrecv when it names none). */
    static Direction direction(SessionDescription sdp) {
        return sdp.media().isEmpty() ? Direction.SENDRECV : sdp.directionOf(0);
    }

    /** Where the first stream's RTP goes. */
    static Optional<InetSocketAddress> remoteRtp(SessionDescription sdp) {
        return RemoteMedia.from(sdp, 0).filter(r -> !r.isHold()).map(RemoteMedia::rtp);
    }
}
