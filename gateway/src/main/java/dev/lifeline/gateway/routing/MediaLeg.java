package dev.lifeline.gateway.routing;

import dev.lifeline.media.relay.Leg;
import dev.lifeline.media.relay.LegAddress;
import dev.lifeline.media.relay.RelaySession;
import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.relay.StreamCodec;
import dev.lifeline.media.sdp.MediaDescription;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SdpRewriter;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SDP side of one relay leg: points the relay at what this leg's endpoint announces, and
 * rewrites what the other leg announced so that this endpoint sends to the relay. One audio
 * stream is anchored (the relay holds one RTP/RTCP pair per leg); other streams are refused
 * with port 0 rather than left pointing at an address that would bypass the relay.
 */
final class MediaLeg {

    static final String SDP = "application/sdp";

    private final Leg leg;
    private final SdpRewriter rewriter = new SdpRewriter();
    /** What this leg's endpoint announced last; a re-offer to the other leg is built from it. */
    private SessionDescription last;

    MediaLeg(Leg leg) {
        this.leg = leg;
    }

    /** The SDP in a message: empty when it has none, else parsed or invalid (a value, never an exception). */
    static Optional<SdpResult> sdpOf(SipMessage message) {
        byte[] body = message.body();
        boolean sdp = message.contentType().map(t -> t.toLowerCase(Locale.ROOT).startsWith(SDP)).orElse(false);
        if (body.length == 0 || !sdp) {
            return Optional.empty();
        }
        return Optional.of(SessionDescription.parse(new String(body, StandardCharsets.UTF_8)));
    }

    static Optional<SessionDescription> parsed(SipMessage message) {
        return sdpOf(message).flatMap(r -> r instanceof SdpResult.Parsed p ? Optional.of(p.sdp()) : Optional.empty());
    }

    /** This leg's endpoint announced {@code sdp}: the relay sends there until latching learns better. */
    void announced(SessionDescription sdp, RelaySession relay, boolean answer) {
        int index = anchored(sdp);
        if (index < 0) {
            return;
        }
        last = sdp;
        RemoteMedia.from(sdp, index).ifPresent(remote -> relay.updateRemote(leg, remote));
        if (answer) {
            relay.useCodec(StreamCodec.from(sdp.media().get(index)));
        }
    }

    /** Whether this leg's endpoint said last that it sends audio (not on hold, not recvonly or inactive). */
    boolean sends() {
        if (last == null) {
            return false;
        }
        int index = anchored(last);
        if (index < 0) {
            return false;
        }
        dev.lifeline.media.sdp.Direction d = last.directionOf(index);
        boolean sending = d == dev.lifeline.media.sdp.Direction.SENDRECV || d == dev.lifeline.media.sdp.Direction.SENDONLY;
        return sending && !last.connectionFor(index).map(c -> c.isLegacyHold()).orElse(false);
    }

    /** The description this leg's endpoint announced last, if any. */
    Optional<SessionDescription> lastAnnounced() {
        return Optional.ofNullable(last);
    }

    /** The other leg's description as this leg's endpoint must see it: the relay's address and port. */
    byte[] toward(SessionDescription other, RelaySession relay) {
        LegAddress local = relay.local(leg);
        int index = anchored(other);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < other.media().size(); i++) {
            ports.add(i == index ? local.rtp().getPort() : 0);
        }
        return rewriter.rewrite(other, local.rtp().getAddress(), ports).encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The first enabled audio stream, or -1. */
    private static int anchored(SessionDescription sdp) {
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).mediaLine().media().equalsIgnoreCase("audio") && !media.get(i).mediaLine().isDisabled()) {
                return i;
            }
        }
        return -1;
    }
}
