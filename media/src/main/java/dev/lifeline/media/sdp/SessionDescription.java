package dev.lifeline.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 8866): the session-level lines and the media sections, each kept
 * as the lines that were received, so that {@link #encode()} gives back the body unchanged apart
 * from line endings. Build one with {@link #parse}; change one with the {@code with*} methods or
 * {@link SdpRewriter}.
 */
public record SessionDescription(List<SdpLine> sessionLines, List<MediaDescription> media) {

    public SessionDescription {
        sessionLines = List.copyOf(sessionLines);
        media = List.copyOf(media);
    }

    /** Parses a body; never throws. */
    public static SdpResult parse(String body) {
        return SdpParser.parse(body);
    }

    public Origin origin() {
        return firstSession('o').flatMap(l -> Origin.parse(l.value())).orElseThrow();
    }

    public String sessionName() {
        return firstSession('s').map(SdpLine::value).orElse("");
    }

    /** The session-level {@code c=}, if any. */
    public Optional<Connection> connection() {
        return firstSession('c').flatMap(l -> Connection.parse(l.value()));
    }

    /** The session-level direction attribute, if any. */
    public Optional<Direction> direction() {
        return sessionLines.stream().map(Direction::of).flatMap(Optional::stream).findFirst();
    }

    /** The connection that applies to media section {@code index}: its own, else the session's. */
    public Optional<Connection> connectionFor(int index) {
        return media.get(index).connection().or(this::connection);
    }

    /** The direction that applies to media section {@code index}; sendrecv when none is given. */
    public Direction directionOf(int index) {
        return media.get(index).direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    /**
     * True when the sender of this description puts stream {@code index} on hold, the RFC 3264
     * way (sendonly / inactive) or the RFC 2543 way (c=0.0.0.0).
     */
    public boolean isHold(int index) {
        Direction d = directionOf(index);
        return d == Direction.SENDONLY || d == Direction.INACTIVE
                || connectionFor(index).map(Connection::isLegacyHold).orElse(false);
    }

    public SessionDescription withOrigin(Origin origin) {
        List<SdpLine> lines = new ArrayList<>(sessionLines);
        lines.replaceAll(l -> l.type() == 'o' ? new SdpLine('o', origin.value()) : l);
        return new SessionDescription(lines, media);
    }

    /** Every line in order. */
    public List<SdpLine> lines() {
        List<SdpLine> all = new ArrayList<>(sessionLines);
        media.forEach(m -> all.addAll(m.lines()));
        return all;
    }

    /** The body as sent on the wire: one line per {@code type=value}, each ended by CRLF. */
    public String encode() {
        StringBuilder out = new StringBuilder(512);
        for (SdpLine l : lines()) {
            out.append(l.type()).append('=').append(l.value()).append("\r\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return encode();
    }

    private Optional<SdpLine> firstSession(char type) {
        return sessionLines.stream().filter(l -> l.type() == type).findFirst();
    }
}
