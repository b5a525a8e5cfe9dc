/**
 * Site drills ({@code lifeline drill --site}): the seed's continuity tests run against a running
 * gateway on the site's real network and provider, in a maintenance window, through the gateway's
 * admin API and its fault injector ({@code dev.lifeline.gateway.fault}, on only with
 * {@code admin.faultInjection: true}). A built-in test phone registers as the {@code drill:}
 * section's test extension and places the only calls the drill touches. Faults are cut to a
 * deadline the gateway enforces itself, and the drill ends the ones it started when it finishes,
 * fails, is interrupted or loses the admin API. Every figure is labelled with where it was
 * observed: the gateway's own word (its events) or the test phone's ears.
 *
 * <p>Registration recovery runs only with {@code --restart} and {@code drill.restartCommand}: there is
 * no portable SIP request that makes a phone register again (vendors' check-sync NOTIFYs may reboot
 * it), so the drill restarts the gateway the way its host does and measures, from the command's
 * start, the admin API, the trunk, the test phone's repeated REGISTER and a test call coming back,
 * and which bindings the restart kept ({@link dev.lifeline.drill.site.BindingRecovery}).
 */
package dev.lifeline.drill.site;
