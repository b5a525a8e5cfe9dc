package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteMediaTest {

    private static SessionDescription sdp(String media) {
        String body = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n" + media;
        return ((SdpResult.Parsed) SessionDescription.parse(body)).sdp();
    }

    @Test
    void rtpAndRtcpAddressesComeFromTheSdp() {
        SessionDescription s = sdp("m=audio 5004 RTP/AVP 0\r\na=rtcp:6000 IN IP4 10.0.0.6\r\n");

        RemoteMedia remote = RemoteMedia.from(s, 0).orElseThrow();

        assertThat(remote.rtp()).isEqualTo(new InetSocketAddress("10.0.0.5", 5004));
        assertThat(remote.rtcp()).contains(new InetSocketAddress("10.0.0.6", 6000));
    }

    @Test
    void withoutRtcpAttributeRtcpIsPortPlusOne() {
        RemoteMedia remote = RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\n"), 0).orElseThrow();

        assertThat(remote.rtcp()).isEmpty();
        assertThat(remote.rtcpOrDefault()).isEqualTo(new InetSocketAddress("10.0.0.5", 5005));
    }

    @Test
    void disabledStreamsAndHostNamesGiveNothing() {
        assertThat(RemoteMedia.from(sdp("m=audio 0 RTP/AVP 0\r\n"), 0)).isEmpty();
        assertThat(RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\nc=IN IP4 phone.example.com\r\n"), 0)).isEmpty();
    }

    @Test
    void aMalformedOrOutOfRangeLiteralGivesNothingAndIsNeverLookedUp() {
        // InetAddress.getByName would take each of these for a host name and ask DNS.
        for (String c : new String[] {"c=IN IP4 999.1.1.1", "c=IN IP4 1.2.3", "c=IN IP4 010.0.0.1", "c=IN IP4 1.2.3.4.5",
                "c=IN IP6 10.0.0.1", "c=IN IP4 ::1", "c=IN IP6 fe80::1%eth0", "c=IN IP4 some.name.invalid"}) {
            assertThat(RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\n" + c + "\r\n"), 0)).as(c).isEmpty();
        }
    }

    @Test
    void ipv6AndMulticastLiteralsAreRead() throws Exception {
        assertThat(RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\nc=IN IP6 2001:db8::5\r\n"), 0).orElseThrow().rtp())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 5004));
        assertThat(RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\nc=IN IP4 224.2.1.1/127\r\n"), 0).orElseThrow().rtp())
                .isEqualTo(new InetSocketAddress("224.2.1.1", 5004));
    }

    @Test
    void anRtcpAttributeWithAHostNameFallsBackToTheRtpAddress() {
        RemoteMedia remote = RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\na=rtcp:6000 IN IP4 rtcp.example.com\r\n"), 0)
                .orElseThrow();

        assertThat(remote.rtcp()).contains(new InetSocketAddress("10.0.0.5", 6000));
    }

    @Test
    void legacyHoldIsRecognised() {
        assertThat(RemoteMedia.from(sdp("m=audio 5004 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"), 0).orElseThrow().isHold()).isTrue();
    }

    @Test
    void theAnswersFirstSpeechCodecRatesTheCall() {
        StreamCodec pcma = StreamCodec.from(sdp("m=audio 5004 RTP/AVP 101 8\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=ptime:30\r\n").media().getFirst());
        StreamCodec g729 = StreamCodec.from(sdp("m=audio 5004 RTP/AVP 18\r\n").media().getFirst());

        assertThat(pcma).isEqualTo(new StreamCodec("PCMA", 8, 8000, CodecImpairment.G711_PLC, Duration.ofMillis(30)));
        assertThat(g729.impairment()).isEqualTo(CodecImpairment.G729A_VAD);
        assertThat(g729.packetTime()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void unknownCodecsAreRatedAsG711WithConcealment() {
        StreamCodec opus = StreamCodec.from(sdp("m=audio 5004 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n").media().getFirst());

        assertThat(opus.impairment()).isEqualTo(CodecImpairment.G711_PLC);
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(Optional.of(opus.name())).contains("opus");
    }
}
