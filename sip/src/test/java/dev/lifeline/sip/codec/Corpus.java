package dev.lifeline.sip.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the RFC 4475 torture messages and the realistic samples from test resources. */
final class Corpus {

    static final List<String> VALID = List.of("wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq",
            "dblreq", "semiuri", "transports", "mpart01", "unreason", "noreason");
    static final List<String> INVALID = List.of("badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal",
            "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers",
            "mismatch01", "mismatch02", "bigcode");
    /** RFC 4475 §3.2–3.4 messages that are syntactically valid. */
    static final List<String> SEMANTIC_OK = List.of("badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut",
            "regaut01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543");
    static final List<String> SAMPLES = List.of("register-auth-yealink", "invite-sdp-record-route", "ok-invite",
            "unauthorized-401");

    private Corpus() {
    }

    static byte[] rfc4475(String name) {
        return resource("/rfc4475/" + name + ".dat");
    }

    static byte[] sample(String name) {
        return resource("/samples/" + name + ".sip");
    }

    /** Every message expected to parse Ok: RFC 4475 valid and semantic cases plus the samples. */
    static List<byte[]> allOk() {
        List<byte[]> out = new java.util.ArrayList<>();
        VALID.forEach(n -> out.add(rfc4475(n)));
        SEMANTIC_OK.forEach(n -> out.add(rfc4475(n)));
        SAMPLES.forEach(n -> out.add(sample(n)));
        return out;
    }

    static byte[] resource(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
