/**
 * The survivable SIP gateway, assembled: {@link dev.lifeline.gateway.Gateway} builds a running
 * gateway from a site configuration — storage, event log, registrar (RFC 3261 §10), SIP stack,
 * edge (authentication, bans, trunk screening), NAT keepalives (RFC 5626), admin API — and
 * stops it in reverse order. Trunks and the B2BUA are plugged in through
 * {@link dev.lifeline.gateway.GatewayPlugins}.
 */
package dev.lifeline.gateway;
