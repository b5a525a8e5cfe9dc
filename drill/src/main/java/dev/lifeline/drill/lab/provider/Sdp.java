package dev.lifeline.drill.lab.provider;

import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.MediaDescription;
import dev.lifeline.media.sdp.PayloadFormat;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The provider's side of the SDP offer/answer (RFC 3264): PCMU only, one audio stream. */
final class Sdp {

    /** Where the other side wants RTP, or why its SDP cannot be used. */
    record Remote(Optional<InetSocketAddress> rtp, Optional<String> problem) {
        static Remote of(InetSocketAddress rtp) {
            return new Remote(Optional.of(rtp), Optional.empty());
        }

        static Remote refused(String problem) {
            return new Remote(Optional.empty(), Optional.of(problem));
        }
    }

    private Sdp() {
    }

    /** The provider's SDP for media at {@code local}. */
    static byte[] describe(InetSocketAddress local, long sessionId) {
        String ip = local.getAddress().getHostAddress();
        return ("v=0\r\n"
                + "o=lab-provider " + sessionId + " 1 IN IP4 " + ip + "\r\n"
                + "s=lab provider\r\n"
                + "c=IN IP4 " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + local.getPort() + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The RTP address of the first audio stream offering PCMU. */
    static Remote read(byte[] body) {
        SdpResult result = SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
        if (result instanceof SdpResult.Invalid invalid) {
            return Remote.refused("invalid SDP: " + invalid.reason());
        }
        SessionDescription sdp = ((SdpResult.Parsed) result).sdp();
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.mediaLine().media().equals("audio") && m.payloadFormats().stream().anyMatch(PayloadFormat::isPcmu)) {
                Optional<RemoteMedia> remote = RemoteMedia.from(sdp, i);
                if (remote.isPresent()) {
                    return Remote.of(remote.get().rtp());
                }
            }
        }
        return Remote.refused("no audio stream with PCMU and a literal address (the lab provider speaks PCMU only)");
    }
}
