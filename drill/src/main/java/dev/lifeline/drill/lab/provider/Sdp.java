package dev.lifeline.drill.lab.provider;

import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.Direction;
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

    /** RFC 3389 comfort noise, static payload type 13. */
    static final int COMFORT_NOISE = 13;

    /**
     * Where the other side wants RTP, or why its SDP cannot be used; the stream's direction as
     * offered, and whether comfort noise was offered beside PCMU.
     */
    record Remote(Optional<InetSocketAddress> rtp, Optional<String> problem, Direction direction,
                  boolean comfortNoise) {
        static Remote of(InetSocketAddress rtp, Direction direction, boolean comfortNoise) {
            return new Remote(Optional.of(rtp), Optional.empty(), direction, comfortNoise);
        }

        static Remote refused(String problem) {
            return new Remote(Optional.empty(), Optional.of(problem), Direction.SENDRECV, false);
        }

        /** The offerer will not receive (sendonly, inactive): it holds the call, and the provider sends nothing. */
        boolean holds() {
            return direction == Direction.SENDONLY || direction == Direction.INACTIVE;
        }

        /** The direction the answer states (RFC 3264 §6.1): the offer's, seen from this side. */
        Direction answer() {
            return switch (direction) {
                case SENDONLY -> Direction.RECVONLY;
                case RECVONLY -> Direction.SENDONLY;
                default -> direction;
            };
        }
    }

    private Sdp() {
    }

    /** The provider's SDP for media at {@code local}: PCMU, sendrecv. */
    static byte[] describe(InetSocketAddress local, long sessionId) {
        return describe(local, sessionId, 1, Direction.SENDRECV, false);
    }

    /** The provider's answer to {@code offer} for media at {@code local}, at SDP version {@code version}. */
    static byte[] answer(InetSocketAddress local, long sessionId, long version, Remote offer) {
        return describe(local, sessionId, version, offer.answer(), offer.comfortNoise());
    }

    private static byte[] describe(InetSocketAddress local, long sessionId, long version, Direction direction,
                                   boolean comfortNoise) {
        String ip = local.getAddress().getHostAddress();
        return ("v=0\r\n"
                + "o=lab-provider " + sessionId + " " + version + " IN IP4 " + ip + "\r\n"
                + "s=lab provider\r\n"
                + "c=IN IP4 " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + local.getPort() + " RTP/AVP 0" + (comfortNoise ? " " + COMFORT_NOISE : "") + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + (comfortNoise ? "a=rtpmap:" + COMFORT_NOISE + " CN/8000\r\n" : "")
                + "a=ptime:20\r\n"
                + "a=" + direction.name().toLowerCase(java.util.Locale.ROOT) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
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
                    boolean cn = m.mediaLine().formats().contains(Integer.toString(COMFORT_NOISE));
                    return Remote.of(remote.get().rtp(), sdp.directionOf(i), cn);
                }
            }
        }
        return Remote.refused("no audio stream with PCMU and a literal address (the lab provider speaks PCMU only)");
    }
}
