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
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SDP side of one relay leg: points the relay at what this leg's endpoint announces, and
 * rewrites what the other leg announced so that this endpoint sends to the relay. One audio
 * stream is anchored (the relay holds one RTP/RTCP pair per leg); other streams are refused
 * with port 0 rather than left pointing at an address that would bypass the relay. The relay
 * takes this leg's media only from the IPs its SDP declared and its signalling came from.
 */
final class MediaLeg {

    static final String SDP = "application/sdp";

    private final Leg leg;
    private final SdpRewriter rewriter = new SdpRewriter();
    /** What this leg's endpoint announced last; a re-offer to the other leg is built from it. */
    private SessionDescription last;
    /** Where this leg's signalling comes from: the relay takes its media from there too. */
    private final Set<InetAddress> signalling = new HashSet<>();
    /** See {@link #sendingSince}; null while the endpoint does not send. */
    private Instant sendingSince;

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

    /**
     * Why the anchored stream's c= address cannot be used, if it cannot: it must be an IP
     * literal of its type. A host name would need a DNS lookup on the B2BUA's thread, which a
     * resolver outage turns into a stall of every call, and 999.1.1.1 is no address at all.
     */
    static Optional<String> unusableAddress(SessionDescription sdp) {
        int index = anchored(sdp);
        if (index < 0) {
            return Optional.empty();
        }
        return sdp.connectionFor(index)
                .filter(c -> c.ipAddress().isEmpty())
                .map(c -> "c= address '" + shown(c.address()) + "' is not an " + shown(c.addrType())
                        + " address literal (names in SDP are not resolved)");
    }

    private static String shown(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    /** This leg's signalling now comes from {@code address} alone: the relay accepts media from it (and the SDP's IPs). */
    void signalledFrom(InetAddress address, RelaySession relay) {
        signalling.clear();
        signalling.add(address);
        relay.signalledFrom(leg, Set.copyOf(signalling));
    }

    /** One more address this leg's signalling may come from (every target rung while the leg is not answered). */
    void alsoSignalledFrom(InetAddress address, RelaySession relay) {
        if (signalling.add(address)) {
            relay.signalledFrom(leg, Set.copyOf(signalling));
        }
    }

    /** Forgets where this leg's signalling came from: the targets rung before are cancelled. */
    void noSignallingYet(RelaySession relay) {
        signalling.clear();
        relay.signalledFrom(leg, Set.of());
    }

    /**
     * Since when this leg's endpoint has said it sends, as first seen at {@code now} by a caller
     * that asks regularly (the media watch); empty while it says it does not. A resumed call
     * (after a hold) starts again from the resume, not from the last packet before the hold.
     */
    Optional<Instant> sendingSince(Instant now) {
        if (!sends()) {
            sendingSince = null;
            return Optional.empty();
        }
        if (sendingSince == null) {
            sendingSince = now;
        }
        return Optional.of(sendingSince);
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
