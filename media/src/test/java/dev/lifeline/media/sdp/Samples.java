package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sample bodies under {@code src/test/resources/sdp}, named after the phone or case. */
final class Samples {

    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parsed(String name) {
        return parsedText(text(name));
    }

    static SessionDescription parsedText(String body) {
        SdpResult result = SessionDescription.parse(body);
        assertThat(result).isInstanceOf(SdpResult.Parsed.class);
        return ((SdpResult.Parsed) result).sdp();
    }
}
