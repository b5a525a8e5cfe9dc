package dev.lifeline.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriTest {

    @Test
    void sipUriParts() {
        SipUri u = SipUri.parse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=hi%20there&priority=urgent");
        assertThat(u.isSecure()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("[2001:db8::1]");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).contains("tcp");
        assertThat(u.lr()).isTrue();
        assertThat(u.maddr()).contains("239.255.255.1");
        assertThat(u.headers().get("subject")).contains("hi there");
        assertThat(u.toString()).isEqualTo("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=hi%20there&priority=urgent");
    }

    @Test
    void escapingOnOutput() {
        SipUri u = SipUri.of("I have spaces", "example.net", -1).withParam("name", "value%41");
        assertThat(u.toString()).isEqualTo("sip:I%20have%20spaces@example.net;name=value%2541");
        assertThat(SipUri.parse(u.toString())).isEqualTo(u);
        assertThat(SipUri.of("\u0000", "h", -1).toString()).isEqualTo("sip:%00@h");
    }

    @Test
    void comparisonRulesOfRfc3261() {
        // RFC 3261 §19.1.4 examples
        assertThat(Uri.parse("sip:%61lice@atlanta.com;transport=TCP")).isEqualTo(Uri.parse("sip:alice@AtLanTa.CoM;Transport=tcp"));
        assertThat(Uri.parse("sip:carol@chicago.com")).isEqualTo(Uri.parse("sip:carol@chicago.com;newparam=5"));
        assertThat(Uri.parse("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"))
                .isEqualTo(Uri.parse("sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
        assertThat(Uri.parse("SIP:ALICE@AtLanTa.CoM;Transport=udp")).isNotEqualTo(Uri.parse("sip:alice@AtLanTa.CoM;Transport=UDP"));
        assertThat(Uri.parse("sip:bob@biloxi.com")).isNotEqualTo(Uri.parse("sip:bob@biloxi.com:5060"));
        assertThat(Uri.parse("sip:bob@biloxi.com")).isNotEqualTo(Uri.parse("sip:bob@biloxi.com;transport=udp"));
        assertThat(Uri.parse("sip:carol@chicago.com;security=on")).isNotEqualTo(Uri.parse("sip:carol@chicago.com;security=off"));
        assertThat(Uri.parse("sip:alice@atlanta.com")).isNotEqualTo(Uri.parse("sips:alice@atlanta.com"));
    }

    @Test
    void telUris() {
        TelUri global = (TelUri) Uri.parse("tel:+1-201-555-0123;ext=42");
        assertThat(global.isGlobal()).isTrue();
        assertThat(global.digits()).isEqualTo("+12015550123");
        assertThat(global.params().get("ext")).contains("42");
        TelUri local = (TelUri) Uri.parse("tel:7042;phone-context=example.com");
        assertThat(local.isGlobal()).isFalse();
        assertThatThrownBy(() -> Uri.parse("tel:7042")).isInstanceOf(InvalidUriException.class).hasMessageContaining("phone-context");
    }

    @Test
    void otherSchemesAreOpaque() {
        assertThat(Uri.parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")).isInstanceOf(AbsoluteUri.class);
        assertThat(Uri.parse("soap.beep://192.0.2.103:3002").scheme()).isEqualTo("soap.beep");
    }

    @Test
    void malformedUrisSayWhy() {
        assertThatThrownBy(() -> Uri.parse("no-scheme")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> Uri.parse("sip:user@host:70000")).hasMessageContaining("port");
        assertThatThrownBy(() -> Uri.parse("sip:us er@host")).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> Uri.parse("sip:user%4@host")).hasMessageContaining("%-escape");
        assertThatThrownBy(() -> Uri.parse("sip:@host")).hasMessageContaining("empty user");
        assertThatThrownBy(() -> Uri.parse("sip:[::1")).hasMessageContaining("IPv6");
    }
}
