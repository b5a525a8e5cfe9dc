package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worked examples of the RFCs, computed through the same path the gateway uses. */
class PublishedVectorsTest {

    @Test
    void rfc2617Section3_5Md5WithQopAuth() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        DigestInputs inputs = new DigestInputs("dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b", "00000001",
                Qop.AUTH, "GET", "/dir/index.html", null);

        assertThat(inputs.response(DigestAlgorithm.MD5, ha1)).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void rfc7616Section3_9_1Md5() {
        assertThat(rfc7616Example(DigestAlgorithm.MD5)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Section3_9_1Sha256() {
        assertThat(rfc7616Example(DigestAlgorithm.SHA_256))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void storedHa1GivesTheSameResponseAsThePassword() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        Credential stored = Credential.Ha1.of(DigestAlgorithm.SHA_256, ha1.toUpperCase());

        String fromStored = inputs().response(DigestAlgorithm.SHA_256,
                stored.ha1("Mufasa", "http-auth@example.org", DigestAlgorithm.SHA_256).orElseThrow());

        assertThat(fromStored).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void hashLengthsMatchTheAlgorithms() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(DigestAlgorithm.MD5.hash(abc)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(DigestAlgorithm.SHA_256.hash(abc))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // FIPS 180-4 SHA-512/256 test vector for "abc".
        assertThat(DigestAlgorithm.SHA_512_256_SESS.hash(abc))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
    }

    private static String rfc7616Example(DigestAlgorithm algorithm) {
        String ha1 = algorithm.ha1("Mufasa", "http-auth@example.org", "Circle of Life");
        return inputs().response(algorithm, ha1);
    }

    private static DigestInputs inputs() {
        return new DigestInputs("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "00000001", Qop.AUTH, "GET", "/dir/index.html", null);
    }
}
