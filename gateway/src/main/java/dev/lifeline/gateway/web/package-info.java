/**
 * The admin HTTP API: a few read-only JSON endpoints for status, registrations, calls and the
 * event log, served by the JDK's {@code com.sun.net.httpserver} (no web framework for four
 * GETs). It binds to loopback unless the configuration explicitly allows otherwise, and every
 * request carries a bearer token (RFC 6750 header form) compared in constant time. Registrations
 * reveal who is where on the network, which is why both defaults are strict.
 */
package dev.lifeline.gateway.web;
