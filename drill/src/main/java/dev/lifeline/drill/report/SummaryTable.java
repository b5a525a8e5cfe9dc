package dev.lifeline.drill.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The table the drill prints at its end: one row per scenario with its verdict, the SLOs that
 * held and the key figures, then one line of totals.
 *
 * <pre>
 * scenario        verdict  SLOs  key figures
 * wan-total-loss  pass     4/4   detection 0.61 s, re-registered 0.62 s, audio gap 1.2 s, MOS-CQE min 4.10
 * dns-failure     FAIL     1/2   setup p95 2400 ms
 *
 * 2 scenarios: 1 passed, 1 failed, 0 errors
 * </pre>
 * A failing or erred verdict is written in capitals so it stands out without colour.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The table and totals, lines ending in '\n'. */
    public static String format(DrillReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"scenario", "verdict", "SLOs", "key figures"});
        int pass = 0;
        int fail = 0;
        int error = 0;
        for (ScenarioReport s : report.scenarios()) {
            rows.add(new String[] {s.name(), verdictCell(s.verdict()), KeyFigures.slosHeld(s), KeyFigures.line(s)});
            switch (s.verdict()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case ERROR -> error++;
            }
        }
        StringBuilder b = new StringBuilder();
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            b.append(line.append(r[3]).toString().stripTrailing()).append('\n');
        }
        int n = report.scenarios().size();
        b.append('\n').append(n).append(n == 1 ? " scenario: " : " scenarios: ")
                .append(pass).append(" passed, ").append(fail).append(" failed, ")
                .append(error).append(error == 1 ? " error" : " errors").append('\n');
        return b.toString();
    }

    private static String verdictCell(Verdict v) {
        return v == Verdict.PASS ? v.jsonName() : v.jsonName().toUpperCase(java.util.Locale.ROOT);
    }
}
