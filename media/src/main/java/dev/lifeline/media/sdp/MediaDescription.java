package dev.lifeline.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section: its {@code m=} line and every line after it up to the next {@code m=}, in
 * order and as received. Typed views are read from the lines on demand; the parser has checked
 * that the lines they read are well formed.
 */
public record MediaDescription(List<SdpLine> lines) {

    public MediaDescription {
        lines = List.copyOf(lines);
        if (lines.isEmpty() || lines.getFirst().type() != 'm') {
            throw new IllegalArgumentException("a media description starts with its m= line");
        }
    }

    public MediaLine mediaLine() {
        return MediaLine.parse(lines.getFirst().value()).orElseThrow();
    }

    /** The media-level {@code c=}; the session-level one applies when this is empty. */
    public Optional<Connection> connection() {
        return first('c').flatMap(l -> Connection.parse(l.value()));
    }

    /** The media-level direction attribute; the session level's applies when this is empty. */
    public Optional<Direction> direction() {
        return lines.stream().map(Direction::of).flatMap(Optional::stream).findFirst();
    }

    public List<RtpMap> rtpMaps() {
        return attributes("rtpmap").stream().map(RtpMap::parse).flatMap(Optional::stream).toList();
    }

    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(m -> m.payloadType() == payloadType).findFirst();
    }

    /** The format parameters of {@code a=fmtp:<pt> <params>}, e.g. {@code 0-16} for telephone-event. */
    public Optional<String> fmtp(int payloadType) {
        String prefix = payloadType + " ";
        return attributes("fmtp").stream().filter(v -> v.startsWith(prefix))
                .map(v -> v.substring(prefix.length()).trim()).findFirst();
    }

    public OptionalInt ptime() {
        return attributes("ptime").stream().map(String::trim).filter(v -> MediaLine.isNumber(v, 10_000))
                .mapToInt(Integer::parseInt).findFirst();
    }

    public Optional<RtcpAttribute> rtcp() {
        return attributes("rtcp").stream().map(RtcpAttribute::parse).flatMap(Optional::stream).findFirst();
    }

    /** The values of every {@code a=name:value} with this name, in order. */
    public List<String> attributes(String name) {
        return lines.stream().filter(l -> l.isAttribute(name)).map(SdpLine::attributeValue).toList();
    }

    /** The formats of the m= line in preference order, each with its rtpmap or static definition. */
    public List<PayloadFormat> payloadFormats() {
        MediaLine m = mediaLine();
        if (!m.isRtp()) {
            return List.of();
        }
        List<PayloadFormat> formats = new ArrayList<>();
        for (String f : m.formats()) {
            if (MediaLine.isNumber(f, 127)) {
                int pt = Integer.parseInt(f);
                rtpMap(pt).map(PayloadFormat::of).or(() -> PayloadFormat.staticFormat(pt)).ifPresent(formats::add);
            }
        }
        return formats;
    }

    /**
     * The speech codec: in an answer, the first format that is not DTMF or comfort noise is the one
     * the streams carry (RFC 3264 §6.1), which is what the quality model needs.
     */
    public Optional<PayloadFormat> primaryFormat() {
        return payloadFormats().stream().filter(f -> !f.isAuxiliary()).findFirst();
    }

    private Optional<SdpLine> first(char type) {
        return lines.stream().filter(l -> l.type() == type).findFirst();
    }
}
