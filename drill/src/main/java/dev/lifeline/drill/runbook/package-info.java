/**
 * The on-call runbook ({@code lifeline runbook}): answers, for the people on call, with the
 * site's configured values and — when a drill report is given — the measured ones. It owns
 * the answers (which path is primary and how long failover takes, resolvers per path, inbound
 * routing during a WAN failure, what stops first and what stays, who may change failover or
 * firewall rules, the per-trunk and per-group exceptions, what users should do) and their two
 * renderings, Markdown and a self-contained HTML page.
 *
 * <p>It reads {@link dev.lifeline.gateway.config.SiteConfig} and
 * {@link dev.lifeline.drill.report.DrillReport} only; it never starts a gateway or a drill.
 * When a value is neither configured nor measured, the runbook says so ("not yet measured —
 * run ./lifeline drill", "not recorded in the configuration") instead of guessing.
 *
 * <p>Hand-written rather than a template engine: the document is a handful of sections built
 * from records, and a small format-neutral model ({@code Doc}) rendered twice keeps the
 * Markdown and HTML identical in content with correct escaping for each, without a dependency.
 */
package dev.lifeline.drill.runbook;
