package dev.lifeline.sip.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** STUN Binding per RFC 8489, checked against the sample response of RFC 5769 §2.2 for the address encoding. */
class StunMessageTest {

    private static final byte[] TID = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    @Test
    void xorMappedAddressMatchesRfc5769SampleIpv4Response() throws Exception {
        // RFC 5769 §2.2: 192.0.2.1 port 32853 with this transaction ID encodes as below.
        byte[] encoded = StunMessage.success(StunMessage.request(TID),
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)).encode();
        String hex = HexFormat.of().formatHex(encoded);

        assertThat(hex).startsWith("0101" + "0014" + "2112a442" + "b7e7a701bc34d686fa87dfae");
        assertThat(hex).contains("0020" + "0008" + "0001" + "a147" + "e112a643");
    }

    @Test
    void aRequestAndItsResponseRoundTripWithFingerprint() throws Exception {
        InetSocketAddress seen = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 5060);
        StunMessage request = StunMessage.request(TID);
        byte[] req = request.encode();
        assertThat(StunMessage.looksLikeStun(req, 0, req.length)).isTrue();
        assertThat(StunMessage.decode(req, 0, req.length)).contains(request);

        byte[] resp = StunMessage.success(request, seen).encode();
        assertThat(StunMessage.decode(resp, 0, resp.length)).hasValueSatisfying(m -> {
            assertThat(m.type()).isEqualTo(StunMessage.BINDING_SUCCESS);
            assertThat(m.transactionId()).isEqualTo(TID);
            assertThat(m.mapped()).contains(seen);
        });
    }

    @Test
    void sipAndDamagedStunAreNotTakenForStun() {
        byte[] sip = "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes();
        assertThat(StunMessage.looksLikeStun(sip, 0, sip.length)).isFalse();
        byte[] req = StunMessage.request(TID).encode();
        req[req.length - 1] ^= 1;                       // FINGERPRINT no longer matches
        assertThat(StunMessage.decode(req, 0, req.length)).isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(StunMessage.request(TID).encode(), 24);
        assertThat(StunMessage.decode(truncated, 0, truncated.length)).isEqualTo(Optional.empty());
    }
}
