package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"yealink-offer.sdp", "polycom-offer.sdp", "grandstream-answer.sdp",
            "yealink-hold-sendonly.sdp", "legacy-hold.sdp"})
    void phoneBodiesRoundTripByteForByte(String name) {
        String body = Samples.text(name);
        assertThat(Samples.parsedText(body).encode()).isEqualTo(body);
    }

    @Test
    void bareLineFeedsComeBackAsCrlfWithEveryLineKept() {
        String body = Samples.text("audio-video-lf.sdp");
        assertThat(Samples.parsedText(body).encode()).isEqualTo(body.replace("\n", "\r\n"));
    }

    @Test
    void yealinkOfferIsReadTyped() {
        SessionDescription sdp = Samples.parsed("yealink-offer.sdp");

        assertThat(sdp.origin()).isEqualTo(new Origin("-", "20518", BigInteger.ZERO, "IN", "IP4", "192.168.1.23"));
        assertThat(sdp.connection()).contains(new Connection("IN", "IP4", "192.168.1.23"));
        assertThat(sdp.media()).hasSize(1);
        MediaDescription audio = sdp.media().getFirst();
        assertThat(audio.mediaLine()).isEqualTo(new MediaLine("audio", 11780, 1, "RTP/AVP", List.of("0", "8", "18", "9", "101")));
        assertThat(audio.rtpMap(101)).contains(new RtpMap(101, "telephone-event", 8000, ""));
        assertThat(audio.fmtp(101)).contains("0-15");
        assertThat(audio.fmtp(18)).contains("annexb=no");
        assertThat(audio.ptime()).isEqualTo(OptionalInt.of(20));
        assertThat(sdp.directionOf(0)).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.isHold(0)).isFalse();
        assertThat(audio.payloadFormats()).extracting(PayloadFormat::encoding)
                .containsExactly("PCMU", "PCMA", "G729", "G722", "telephone-event");
        assertThat(audio.primaryFormat()).get().satisfies(f -> assertThat(f.isPcmu()).isTrue());
    }

    @Test
    void polycomSessionLevelDirectionAppliesToItsMedia() {
        SessionDescription sdp = Samples.parsed("polycom-offer.sdp");

        assertThat(sdp.direction()).contains(Direction.SENDRECV);
        assertThat(sdp.media().getFirst().direction()).isEmpty();
        assertThat(sdp.directionOf(0)).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.media().getFirst().primaryFormat()).get().extracting(PayloadFormat::encoding).isEqualTo("G722");
        assertThat(sdp.media().getFirst().attributes("X-polycom-priority")).containsExactly("1");
    }

    @Test
    void grandstreamAnswerHasMediaLevelConnectionAndRtcpAttribute() {
        SessionDescription sdp = Samples.parsed("grandstream-answer.sdp");
        MediaDescription audio = sdp.media().getFirst();

        assertThat(audio.connection()).contains(new Connection("IN", "IP4", "192.168.0.150"));
        assertThat(audio.rtcp()).contains(new RtcpAttribute(5005, Optional.of(new Connection("IN", "IP4", "192.168.0.150"))));
        assertThat(audio.primaryFormat()).get().satisfies(f -> {
            assertThat(f.payloadType()).isZero();
            assertThat(f.isG711()).isTrue();
        });
    }

    @Test
    void sendonlyIsHold() {
        SessionDescription sdp = Samples.parsed("yealink-hold-sendonly.sdp");

        assertThat(sdp.directionOf(0)).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.isHold(0)).isTrue();
    }

    @Test
    void legacyHoldAddressIsHold() {
        SessionDescription sdp = Samples.parsed("legacy-hold.sdp");

        assertThat(sdp.connection()).get().satisfies(c -> assertThat(c.isLegacyHold()).isTrue());
        assertThat(sdp.directionOf(0)).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.isHold(0)).isTrue();
        assertThat(sdp.media().getFirst().primaryFormat()).get().satisfies(f -> assertThat(f.isPcma()).isTrue());
    }

    @Test
    void severalMediaSectionsEachWithTheirOwnView() {
        SessionDescription sdp = Samples.parsed("audio-video-lf.sdp");

        assertThat(sdp.media()).extracting(m -> m.mediaLine().media()).containsExactly("audio", "video", "video");
        assertThat(sdp.directionOf(0)).isEqualTo(Direction.INACTIVE);
        assertThat(sdp.directionOf(1)).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.connectionFor(0)).get().extracting(Connection::address).isEqualTo("198.51.100.1");
        assertThat(sdp.connectionFor(1)).get().extracting(Connection::address).isEqualTo("198.51.100.2");
        assertThat(sdp.media().get(2).mediaLine().isDisabled()).isTrue();
        assertThat(sdp.media().get(2).attributes("x-unknown-vendor")).containsExactly("keep me  exactly");
        assertThat(sdp.sessionName()).isEmpty();
    }

    @Test
    void staticPayloadTypesWithoutRtpmapAreKnown() {
        SessionDescription sdp = Samples.parsedText("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 8 0\r\n");

        assertThat(sdp.media().getFirst().payloadFormats()).extracting(PayloadFormat::encoding).containsExactly("PCMA", "PCMU");
        assertThat(sdp.media().getFirst().primaryFormat().flatMap(PayloadFormat::impairment))
                .contains(dev.lifeline.media.quality.CodecImpairment.G711_PLC);
    }
}
