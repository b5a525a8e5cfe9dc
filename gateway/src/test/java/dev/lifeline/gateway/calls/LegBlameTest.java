package dev.lifeline.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.calls.LegBlame.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegBlameTest {

    private static LegReading lan(double loss) {
        return new LegReading(LegSide.LAN, "phone 1001", 500, loss, 3, 90, 4.3);
    }

    private static LegReading wan(double loss) {
        return new LegReading(LegSide.WAN, "the provider", 500, loss, 3, 90, 4.3);
    }

    @Test
    void lossOnTheLanLegOnlyNamesTheLanLegWithTheFigureAndWhoSends() {
        LegBlame.Blame b = LegBlame.judge(List.of(lan(4.1), wan(0.2)));

        assertThat(b.verdict()).isEqualTo(Verdict.LAN);
        assertThat(b.reason()).isEqualTo("LAN leg losing 4.1 % from phone 1001");
    }

    @Test
    void lossOnTheWanLegOnlyNamesTheWanLeg() {
        LegBlame.Blame b = LegBlame.judge(List.of(lan(0), wan(3)));

        assertThat(b.verdict()).isEqualTo(Verdict.WAN);
        assertThat(b.reason()).isEqualTo("WAN leg losing 3.0 % from the provider");
    }

    @Test
    void lossOnBothNamesBoth() {
        LegBlame.Blame b = LegBlame.judge(List.of(lan(2), wan(5)));

        assertThat(b.verdict()).isEqualTo(Verdict.BOTH);
        assertThat(b.reason()).isEqualTo("both legs losing: LAN 2.0 % from phone 1001, WAN 5.0 % from the provider");
    }

    @Test
    void theThresholdIsOnePercentInclusive() {
        assertThat(LegBlame.judge(List.of(lan(0.99), wan(0))).verdict()).isEqualTo(Verdict.NONE);
        assertThat(LegBlame.judge(List.of(lan(1.0), wan(0))).verdict()).isEqualTo(Verdict.LAN);
    }

    @Test
    void aCleanCallSaysNoLegIsLosingAndShowsBothFigures() {
        LegBlame.Blame b = LegBlame.judge(List.of(lan(0.2), wan(0)));

        assertThat(b.verdict()).isEqualTo(Verdict.NONE);
        assertThat(b.reason()).isEqualTo("no leg losing packets (LAN 0.2 % from phone 1001, WAN 0.0 % from the provider)");
    }

    @Test
    void aLegWithTooFewPacketsIsNotJudged() {
        LegReading shortLan = new LegReading(LegSide.LAN, "phone 1001", LegBlame.MIN_PACKETS - 1, 50, 0, 0, 0);

        assertThat(LegBlame.judge(List.of(shortLan, wan(0))).verdict()).isEqualTo(Verdict.NONE);
        assertThat(LegBlame.judge(List.of(shortLan)).verdict()).isEqualTo(Verdict.UNMEASURED);
        assertThat(LegBlame.judge(List.of()).verdict()).isEqualTo(Verdict.UNMEASURED);
    }

    @Test
    void anInternalCallWithBothPhonesLosingNamesTheLanLegs() {
        LegReading callee = new LegReading(LegSide.LAN, "phone 1002", 500, 2.5, 3, 90, 4.3);

        LegBlame.Blame b = LegBlame.judge(List.of(lan(4.1), callee));

        assertThat(b.verdict()).isEqualTo(Verdict.LAN);
        assertThat(b.reason()).isEqualTo("LAN legs losing 4.1 % from phone 1001 and 2.5 % from phone 1002");
    }

    @Test
    void aCallRecordJudgesItsLegsByTheSidesItIsGiven() {
        CallRecord r = new CallRecord("c", "1001", "0049301234", "trunk provider", java.time.Instant.EPOCH,
                java.util.Optional.of(java.time.Instant.EPOCH), java.time.Instant.EPOCH.plusSeconds(10), 200, "x",
                dev.lifeline.gateway.events.Event.Hangup.CALLER, new StreamQuality(500, 5, 2, 80, 4.0),
                new StreamQuality(500, 0, 1, 93, 4.4));

        var e = r.toEvent(LegSide.LAN, LegSide.WAN);

        assertThat(e.callerLeg()).isEqualTo("lan");
        assertThat(e.calleeLeg()).isEqualTo("wan");
        assertThat(e.blame()).isEqualTo("lan");
        assertThat(e.blameReason()).isEqualTo("LAN leg losing 5.0 % from phone 1001");
        // The same figures on an inbound call (the provider calling) blame the WAN.
        assertThat(r.toEvent(LegSide.WAN, LegSide.LAN).blame()).isEqualTo("wan");
    }
}
