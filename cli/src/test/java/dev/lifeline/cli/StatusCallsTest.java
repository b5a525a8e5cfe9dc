package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The calls section of {@code lifeline status}: LAN and WAN legs apart, and which one is losing. */
class StatusCallsTest {

    @Test
    void eachLegIsShownApartAndTheLosingLegIsNamed() throws Exception {
        JsonNode calls = new ObjectMapper().readTree("""
                [{"id":"a","from":"1001","to":"0301234","route":"trunk provider","started":"2026-01-01T10:00:00Z",
                  "answered":"2026-01-01T10:00:01Z",
                  "legs":[{"side":"lan","from":"phone 1001","packets":250,"lossPercent":4.1,"jitterMillis":12.2,"r":78,"mos":3.9},
                          {"side":"wan","from":"the provider","packets":250,"lossPercent":0.0,"jitterMillis":1.0,"r":93,"mos":4.4}],
                  "blame":"lan","blameReason":"LAN leg losing 4.1 % from phone 1001"},
                 {"id":"b","from":"1002","to":"1003","route":"internal","started":"2026-01-01T10:00:00Z","answered":null,
                  "legs":[],"blame":"unmeasured","blameReason":"too little media"}]
                """);
        StringWriter text = new StringWriter();

        StatusCommand.printCalls(new PrintWriter(text, true), calls);

        String out = text.toString();
        assertThat(out).contains("LAN LEG (loss jitter MOS)", "WAN LEG (loss jitter MOS)", "LOSING",
                "4.1 % 12 ms 3.9", "0.0 % 1 ms 4.4", "1001 -> 0301234: LAN leg losing 4.1 % from phone 1001");
        assertThat(out.lines().filter(l -> l.contains("1002")).findFirst().orElseThrow())
                .contains("ringing").contains("unmeasured");
        assertThat(out).doesNotContain("1002 -> 1003:");
    }
}
