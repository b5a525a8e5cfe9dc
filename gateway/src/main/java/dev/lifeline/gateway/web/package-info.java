/**
 * The admin HTTP API and the dashboard: a few read-only JSON endpoints for status,
 * registrations, calls and the event log, served by the JDK's {@code com.sun.net.httpserver}
 * (no web framework for a handful of GETs); the dashboard page at {@code /} (hand-written
 * HTML, CSS and JavaScript from the jar, nothing from the internet), its live Server-Sent Events
 * stream ({@link dev.lifeline.gateway.web.DashboardFeed}) and the bounded in-memory history its
 * charts draw ({@link dev.lifeline.gateway.web.DashboardHistory}). It binds to loopback unless the
 * configuration explicitly allows otherwise, and every data request carries a bearer token
 * (RFC 6750 header form) compared in constant time — the stream too: the page reads it with
 * {@code fetch()} so the token travels in a header, never in a URL. Registrations reveal who is
 * where on the network, which is why both defaults are strict. The figures shown come from the
 * rest of the gateway (path probes, the media relay's E-model, the event stream); nothing here
 * measures on its own.
 * The one part that changes anything, {@code /api/faults} (site drills, {@code dev.lifeline.gateway.fault}),
 * is off unless the configuration says {@code admin.faultInjection: true}.
 */
package dev.lifeline.gateway.web;
