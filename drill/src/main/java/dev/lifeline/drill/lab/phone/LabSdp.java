package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.MediaDescription;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.message.SipMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The lab phones' SDP (RFC 4566, offer/answer RFC 3264): one audio stream, one G.711 format, 20 ms. */
final class LabSdp {

    static final String CONTENT_TYPE = "application/sdp";

    private LabSdp() {
    }

    /** An offer or answer for audio on {@code rtp} with payload type {@code pt} (0 PCMU, 8 PCMA). */
    static byte[] describe(String user, InetSocketAddress rtp, long sessionId, int pt) {
        String host = rtp.getAddress().getHostAddress();
        String encoding = pt == 8 ? "PCMA" : "PCMU";
        return ("v=0\r\n"
                + "o=" + user + " " + sessionId + " 1 IN IP4 " + host + "\r\n"
                + "s=lifeline lab phone\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtp.getPort() + " RTP/AVP " + pt + "\r\n"
                + "a=rtpmap:" + pt + " " + encoding + "/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=extmap:" + RtpFrames.SEND_TIME_ID + " " + RtpFrames.SEND_TIME_URI + "\r\n"
                + "a=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
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

    /** Where the first stream's RTP goes. */
    static Optional<InetSocketAddress> remoteRtp(SessionDescription sdp) {
        return RemoteMedia.from(sdp, 0).filter(r -> !r.isHold()).map(RemoteMedia::rtp);
    }
}
