package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lifeline.gateway.config.NumberFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberingTest {

    private static final Numbering NANP = new Numbering("1", "1");
    private static final Numbering UK = new Numbering("44", "0");

    @ParameterizedTest
    @CsvSource({
            "NANP, 5550123, E164, +15550123",
            "NANP, 15550123, E164, +15550123",
            "NANP, +15550123, NATIONAL, 15550123",
            "NANP, 5550123, NATIONAL, 15550123",
            "NANP, +4930123456, NATIONAL, +4930123456",
            "UK, 02079460000, E164, +442079460000",
            "UK, +442079460000, NATIONAL, 02079460000",
            "UK, anonymous, E164, anonymous",
            "UK, 020 7946-0000, E164, +442079460000",
            "UK, +442079460000, AS_IS, +442079460000"})
    void presents(String site, String number, NumberFormat format, String expected) {
        Numbering n = site.equals("UK") ? UK : NANP;
        assertThat(n.present(number, format)).isEqualTo(expected);
    }

    @Test
    void nationalAndBackIsTheSameE164() {
        qt().forAll(strings().numeric()).checkAssert(i -> {
            String digits = String.valueOf(Math.abs((long) i.hashCode()) % 10_000_000_000L);
            for (Numbering n : new Numbering[] {NANP, UK}) {
                String e164 = n.e164(digits);
                assertThat(n.e164(n.national(e164))).isEqualTo(e164);
            }
        });
    }
}
