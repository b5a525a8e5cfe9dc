/**
 * What a drill found, as data, and the three ways it is shown: {@code report.json} for
 * machines ({@link dev.lifeline.drill.report.ReportJson}), {@code report.html} for people
 * ({@link dev.lifeline.drill.report.ReportHtml}) and the summary table printed at the end of a
 * run ({@link dev.lifeline.drill.report.SummaryTable}), plus the plain-language reading of a
 * scenario ({@link dev.lifeline.drill.report.Reading}).
 *
 * <p>The runner fills plain records: {@link dev.lifeline.drill.report.DrillReport} holds
 * {@link dev.lifeline.drill.report.ScenarioReport}s, each with metrics, SLO lines, events and
 * series (timelines to chart). Nothing here runs a drill or reads the gateway.
 *
 * <h2>report.json (format {@code lifeline-drill-report/1})</h2>
 * Field names are stable; fields may be added (only after the ones below), never renamed or
 * removed without a new format name. Readers must ignore fields they do not know.
 * <pre>{@code
 * {
 *   "suite":   "default",                    // which suite ran
 *   "started": "2026-03-01T09:00:00Z",       // ISO-8601 instant, UTC
 *   "config":  "examples/site.yaml",         // the site file, as given
 *   "scenarios": [ {
 *     "name":    "wan-total-loss",           // stable scenario name
 *     "verdict": "pass",                     // "pass" | "fail" | "error"
 *     "metrics": { "detection_s": 0.61, "registration_recovery_s": 0.62, "audio_gap_s": 1.2,
 *                  "call_setup_p95_ms": 180, "mos_min": 4.1, "false_failovers": 0 },
 *     "slos":    [ { "name": "detection_s", "target": "<= 1 s", "measured": "0.61 s", "pass": true } ],
 *     "events":  [ { "at_ms": 5000, "type": "fault", "summary": "wan1 blackholed" } ],
 *     "series":  [ { "name": "wan1", "unit": "state", "points": [[0, 1], [5610, 0]] } ],
 *     "reading": "Phones on wan1 lost audio for 1.2 s when wan1 failed; ...",
 *     "error":   "..."                       // only when verdict is "error"
 *   } ],
 *   "format": "lifeline-drill-report/1",
 *   "notes": [ "..." ]                       // only when there are notes about the run as a whole
 * }
 * }</pre>
 * <ul>
 *   <li><b>metrics</b>: numbers only; the unit is in the name: {@code _s} seconds, {@code _ms}
 *       milliseconds, {@code _pct} percent, {@code mos_} MOS-CQE (1–4.5: ITU-T P.800.1's name for conversational quality
 *       estimated by the G.107 E-model, here from what a phone's jitter buffer played), anything else a
 *       count. A value the lab could not observe is absent, never null. Known names are in
 *       {@link dev.lifeline.drill.scenario.Metrics}: {@code detection_s}, {@code registration_recovery_s},
 *       {@code audio_gap_s}, {@code failback_s}, {@code call_setup_p95_ms}, {@code mos_min},
 *       {@code mos_mean}, {@code false_failovers}, {@code phones_reregistered_s},
 *       {@code calls_dropped}, {@code calls_attempted}, {@code calls_failed},
 *       {@code emergency_connected}, {@code certificate_event_s}, {@code hangups_lost},
 *       {@code loss_max_pct}, {@code jitter_max_ms}, {@code mouth_to_ear_max_ms} (the worst call as
 *       its phone heard it: loss with late discards, RFC 3550 jitter, network + buffer + coding).
 *       Times run from the instant the lab applied the fault and are observed by the lab, not
 *       taken from the gateway's word.</li>
 *   <li><b>slos</b>: {@code target} and {@code measured} are display strings with units (the
 *       numbers are in {@code metrics}); {@code measured} is "not measured" when the lab saw
 *       nothing; {@code pass} is a boolean. The verdict is "pass" exactly when every line passes.</li>
 *   <li><b>events</b>: {@code at_ms} is milliseconds from the scenario's start; {@code type} is
 *       one of fault, restore, step, path-down, path-up, failover, registered, call, or another
 *       short word.</li>
 *   <li><b>reading</b>: what users would have experienced, in plain language; written by
 *       {@link dev.lifeline.drill.report.Reading#of} when the runner gave none.</li>
 *   <li><b>series</b>: {@code points} are {@code [t_ms, value]} pairs in time order, a value
 *       holding until the next point; {@code unit} "state" is a path's 1 (up) / 0 (down),
 *       "count" a number of registrations, "MOS" one call's MOS-CQE.</li>
 * </ul>
 *
 * <h2>Why by hand</h2>
 * JSON goes through Jackson's tree model (the field order and names are written out here, so
 * a refactoring cannot change the file scripts depend on). The HTML page and its SVG charts
 * are written here because the page must be one file that opens without a network: no chart
 * library fits that without shipping a script bundle inside every report.
 */
package dev.lifeline.drill.report;
