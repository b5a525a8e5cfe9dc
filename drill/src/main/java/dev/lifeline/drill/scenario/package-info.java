/**
 * The drills' scenarios as values: what a drill does to the lab and when ({@link
 * dev.lifeline.drill.scenario.Scenario}, {@link dev.lifeline.drill.scenario.Step}, the sealed
 * {@link dev.lifeline.drill.scenario.Action}), what it expects ({@link dev.lifeline.drill.scenario.Slo})
 * and how a run's measurements ({@link dev.lifeline.drill.scenario.Metrics}) are judged
 * ({@link dev.lifeline.drill.scenario.SloResult}, {@link dev.lifeline.drill.scenario.Verdict},
 * {@link dev.lifeline.drill.scenario.ScenarioResult}). The built-in suite is data
 * ({@link dev.lifeline.drill.scenario.BuiltInSuite}); custom scenarios are YAML files
 * ({@link dev.lifeline.drill.scenario.ScenarioLoader}, {@link dev.lifeline.drill.scenario.ScenarioWriter}).
 * Pure: no sockets, no clock, no lab. The runner maps each action to a lab part and produces the
 * metrics.
 *
 * <p>Why hand-written rather than Jackson data binding: problems must name the file, line, column
 * and field and say what is expected, all of them in one pass, like the site configuration's; so
 * the file is read into a located tree by the site configuration's own reader
 * ({@code gateway.config.YamlTree}, {@code YamlNode}, {@code Problems}). Problems are reported as the gateway's public {@code ConfigProblem} in a
 * {@code ConfigException}, so the CLI prints them the same way.
 *
 * <h2>Scenario files</h2>
 * One YAML document per file. Durations carry a unit ({@code 600ms}, {@code 5s}, {@code 2m}),
 * as in the site configuration; a bare number is refused. Field names are the record
 * components' names.
 *
 * <pre>{@code
 * name: custom-wan-flap              # required: lower case, digits, '-'
 * description: "The primary WAN flaps twice during a call."
 * settings:                          # optional
 *   phones: 4                        # simulated phones registered before the first step
 *   stormPhones: 10000               # light phones added for registrationStorm [0]
 *   trunkTransport: udp              # udp | tcp | tls (default: the site config's)
 *   reflector: none                  # none: judge the paths without the site's reflector, as in the field (default: site)
 *   providerMedia: tone              # the provider sends its own tone, not an echo of what arrives (default: echo)
 * timeline:                          # required, steps in time order
 *   - { at: 0s, action: placeCalls, from: [1001], to: "+15557000", duration: 30s }
 *   - { at: 5s, action: blackhole, path: wan1 }
 *   - { at: 8s, action: restore, path: wan1 }
 * slos:                              # required, at least one
 *   - { name: detection, metric: detection_s, comparator: "<=", target: 1, unit: s }
 * }</pre>
 *
 * <p>A step is {@code at} (from the scenario's start: phones registered, paths up),
 * {@code action} and the action's fields; steps at the same instant run in file order.
 * The actions and their fields (defaults in brackets):
 * <table>
 * <caption>Actions</caption>
 * <tr><th>action</th><th>fields</th><th>what the lab does</th></tr>
 * <tr><td>blackhole</td><td>path, down [true]</td><td>the path's link drops everything (or comes up)</td></tr>
 * <tr><td>impair</td><td>path, direction up|down|both [both], delay [0ms], jitter [0ms],
 *     lossPercent [0], burst {p, r} or {meanLength, lossPercent} [none], rateKbps [0 = unlimited]</td>
 *     <td>degrades the link; replaces earlier impairment; at least one must be set</td></tr>
 * <tr><td>restore</td><td>path</td><td>clean link again: no blackhole, impairment or SIP block</td></tr>
 * <tr><td>impairLan</td><td>extension (or {@code all}), direction up|down|both [both] (up = phone → gateway),
 *     lossPercent [0], jitter [0ms]</td><td>degrades the LAN between phones and the gateway (their RTP is
 *     really lost or delayed, the WAN untouched); zero loss and jitter clean it again</td></tr>
 * <tr><td>natForget</td><td>path</td><td>the NAT forgets its mappings (idle timeout)</td></tr>
 * <tr><td>natPortChange</td><td>path</td><td>the NAT moves its mappings to new public ports</td></tr>
 * <tr><td>optionsFlood</td><td>rate, duration</td><td>an outsider floods the gateway's SIP port with OPTIONS</td></tr>
 * <tr><td>registrationStorm</td><td>within [30s]</td><td>every storm phone ({@code stormPhones}) registers again at
 *     once, retrying as phones do, then asks for its binding</td></tr>
 * <tr><td>blockSip</td><td>path</td><td>SIP is dropped on the path, RTP still passes (until restore)</td></tr>
 * <tr><td>dnsFault</td><td>path, mode none|silent|servfail|refused</td><td>the path's resolvers misbehave</td></tr>
 * <tr><td>dnsRemove</td><td>path, recordName (relative to the provider zone, {@code @} for the apex),
 *     type NAPTR|SRV|A|AAAA</td><td>the path's DNS view loses that record set</td></tr>
 * <tr><td>providerFault</td><td>target, mode healthy|silent|503|408|dropped</td><td>a provider target misbehaves</td></tr>
 * <tr><td>providerCertificate</td><td>target, state expired|valid</td><td>the target's TLS certificate</td></tr>
 * <tr><td>restartGateway</td><td>–</td><td>the gateway stops and starts on the same storage</td></tr>
 * <tr><td>placeCalls</td><td>from (extensions, or any) [any], to, count [1], duration,
 *     concurrency [count]</td><td>phones call out or internally, each call held for duration</td></tr>
 * <tr><td>hold</td><td>extension, duration</td><td>the phone puts its calls on hold (re-INVITE
 *     a=sendonly, RFC 3264 §8.4) and resumes them after duration</td></tr>
 * <tr><td>inboundCalls</td><td>did, callerIdFormat e164|national|anonymous [e164], count [1], duration</td>
 *     <td>the provider calls a DID, one call after another</td></tr>
 * <tr><td>registerAll</td><td>–</td><td>every phone registers again at once (reboot storm)</td></tr>
 * <tr><td>emergencyCall</td><td>from, number</td><td>a phone dials an emergency number</td></tr>
 * <tr><td>wait</td><td>duration</td><td>keeps the scenario running and measuring</td></tr>
 * <tr><td>mark</td><td>label</td><td>a named instant on the report's timeline</td></tr>
 * </table>
 * A scenario lasts until its last step's action has run its course ({@link
 * dev.lifeline.drill.scenario.Scenario#length()}): calls held, waits over.
 *
 * <p>An SLO has {@code name}, {@code metric} (see {@link dev.lifeline.drill.scenario.Metrics} for
 * the names the lab measures), {@code comparator} {@code "<="}, {@code ">="} or {@code "=="}
 * (quoted: an unquoted {@code >} starts a YAML block scalar), {@code target} (a number) and
 * {@code unit} (shown in reports, optional). A metric the run did not measure fails its SLO as
 * "not measured". An SLO that a count be zero ({@code calls_failed == 0}, {@code calls_dropped <= 0},
 * {@code failovers_without_reason == 0}…) is judged together with a check the run adds: every call
 * of the kind it counts that the timeline planned was attempted (and at least one was planned), or
 * a failover took place (see {@code Attempts}). The verdict is pass when every SLO and added check
 * holds, fail when one does not, error when the run itself failed.
 *
 * <p>Problems are reported like the site configuration's, e.g.
 * {@code wan-flap.yaml:7:38: timeline[1].path: path "wan 1" is not a usable name; expected letters,
 * digits, '-', '_' or '.', e.g. wan1}.
 */
package dev.lifeline.drill.scenario;
