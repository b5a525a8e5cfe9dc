package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedSdpTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body                | ''                                                      | empty body
            not SDP                   | 'INVITE sip:bob@example.com SIP/2.0'                    | line 1: expected <type>=<value>
            no version                | 'o=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n'                     | the first line must be v=0
            version 1                 | 'v=1\r\no=- 1 1 IN IP4 10.0.0.1\r\n'                     | the first line must be v=0
            no origin                 | 'v=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n'              | exactly one o= line, has 0
            short origin              | 'v=0\r\no=- 1 IN IP4 10.0.0.1\r\n'                       | line 2: o= needs
            version not a number      | 'v=0\r\no=- 1 x IN IP4 10.0.0.1\r\n'                     | line 2: o= needs
            short connection          | 'v=0\r\no=- 1 1 IN IP4 h\r\nc=IN IP4\r\n'                | line 3: c= needs
            port not a number         | 'v=0\r\no=- 1 1 IN IP4 h\r\nm=audio port RTP/AVP 0\r\n' | line 3: m= needs
            port too large            | 'v=0\r\no=- 1 1 IN IP4 h\r\nm=audio 70000 RTP/AVP 0\r\n' | line 3: m= needs
            media without formats     | 'v=0\r\no=- 1 1 IN IP4 h\r\nm=audio 4000 RTP/AVP\r\n'   | line 3: m= needs
            rtpmap without rate       | 'v=0\r\no=- 1 1 IN IP4 h\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n' | line 4: rtpmap needs
            rtcp port not a number    | 'v=0\r\no=- 1 1 IN IP4 h\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:abc\r\n'      | line 4: rtcp needs
            missing equals            | 'v=0\r\no=- 1 1 IN IP4 h\r\nbogus\r\n'                  | line 3: expected <type>=<value>
            """)
    void malformedBodiesGiveAReason(String what, String body, String reason) {
        SdpResult result = SessionDescription.parse(body.replace("\\r\\n", "\r\n"));

        assertThat(result).isInstanceOf(SdpResult.Invalid.class);
        assertThat(((SdpResult.Invalid) result).reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"a=rtpmap:0 PCMU/8000", "x=vendor line", "k=clear:secret"})
    void unknownOrOptionalLinesAreFine(String line) {
        assertThat(SessionDescription.parse(HEAD + line + "\r\n")).isInstanceOf(SdpResult.Parsed.class);
    }
}
