package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpRewriterTest {

    private static final InetAddress RELAY = address("203.0.113.7");
    private static final InetAddress OTHER_PATH = address("198.51.100.9");

    @Test
    void anchorsAddressPortAndRtcpAndKeepsEverythingElse() {
        SessionDescription in = Samples.parsed("grandstream-answer.sdp");

        SessionDescription out = new SdpRewriter().rewrite(in, RELAY, List.of(40000));

        assertThat(out.encode()).isEqualTo(Samples.text("grandstream-answer.sdp")
                .replace("o=2000 8000 8000 IN IP4 192.168.0.150", "o=2000 8000 8000 IN IP4 203.0.113.7")
                .replace("c=IN IP4 192.168.0.150", "c=IN IP4 203.0.113.7")
                .replace("m=audio 5004", "m=audio 40000")
                .replace("a=rtcp:5005 IN IP4 192.168.0.150", "a=rtcp:40001 IN IP4 203.0.113.7"));
    }

    @Test
    void originVersionGrowsByOneOnlyWhenTheDescriptionChanges() {
        SdpRewriter rewriter = new SdpRewriter();
        SessionDescription offer = Samples.parsed("yealink-offer.sdp");

        BigInteger first = rewriter.rewrite(offer, RELAY, List.of(40000)).origin().sessionVersion();
        BigInteger refresh = rewriter.rewrite(offer, RELAY, List.of(40000)).origin().sessionVersion();
        BigInteger moved = rewriter.rewrite(offer, OTHER_PATH, List.of(41000)).origin().sessionVersion();
        BigInteger hold = rewriter.rewrite(Samples.parsed("yealink-hold-sendonly.sdp"), OTHER_PATH, List.of(41000))
                .origin().sessionVersion();

        assertThat(List.of(first, refresh, moved, hold)).containsExactly(
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO);
    }

    @Test
    void theLegKeepsItsOwnSessionIdWhatEverThePhoneSends() {
        SdpRewriter rewriter = new SdpRewriter();
        rewriter.rewrite(Samples.parsed("yealink-offer.sdp"), RELAY, List.of(40000));

        Origin origin = rewriter.rewrite(Samples.parsed("polycom-offer.sdp"), RELAY, List.of(40000)).origin();

        assertThat(origin.sessionId()).isEqualTo("20518");
        assertThat(origin.sessionVersion()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void holdPassesThrough() {
        SessionDescription sendonly = new SdpRewriter().rewrite(Samples.parsed("yealink-hold-sendonly.sdp"), RELAY, List.of(40000));
        SessionDescription legacy = new SdpRewriter().rewrite(Samples.parsed("legacy-hold.sdp"), RELAY, List.of(40000));

        assertThat(sendonly.directionOf(0)).isEqualTo(Direction.SENDONLY);
        assertThat(sendonly.connection()).get().extracting(Connection::address).isEqualTo("203.0.113.7");
        assertThat(legacy.connection()).get().extracting(Connection::address).isEqualTo("0.0.0.0");
        assertThat(legacy.isHold(0)).isTrue();
        assertThat(legacy.media().getFirst().mediaLine().port()).isEqualTo(40000);
    }

    @Test
    void eachMediaGetsItsPortAndDisabledStreamsStayDisabled() {
        SessionDescription out = new SdpRewriter().rewrite(Samples.parsed("audio-video-lf.sdp"), RELAY, List.of(40000, 40002, 40004));

        assertThat(out.media()).extracting(m -> m.mediaLine().port()).containsExactly(40000, 40002, 0);
        assertThat(out.connectionFor(1)).get().extracting(Connection::address).isEqualTo("203.0.113.7");
        assertThat(out.directionOf(0)).isEqualTo(Direction.INACTIVE);
        assertThat(out.media().get(2).attributes("x-unknown-vendor")).containsExactly("keep me  exactly");
        assertThat(out.media()).extracting(m -> m.mediaLine().formats())
                .containsExactly(List.of("0", "8", "97"), List.of("31", "32"), List.of("96"));
    }

    @Test
    void aStreamWithoutAnyConnectionGetsTheRelays() {
        SessionDescription in = Samples.parsedText("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\ni=voice\r\n");

        SessionDescription out = new SdpRewriter().rewrite(in, RELAY, List.of(40000));

        assertThat(out.media().getFirst().lines()).extracting(SdpLine::toString)
                .containsExactly("m=audio 40000 RTP/AVP 0", "i=voice", "c=IN IP4 203.0.113.7");
    }

    @Test
    void ipv6RelayAddressesSayIp6() {
        SessionDescription out = new SdpRewriter().rewrite(Samples.parsed("yealink-offer.sdp"), address("2001:db8::7"), List.of(40000));

        assertThat(out.connection()).contains(new Connection("IN", "IP6", "2001:db8:0:0:0:0:0:7"));
        assertThat(out.origin().addrType()).isEqualTo("IP6");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
