/**
 * SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966) and opaque absolute URIs (RFC 3986) for
 * schemes SIP does not interpret (RFC 4475 §3.3.2–3.3.4 require accepting them). Written here
 * because SIP's escaping rules (%HH in user and parameters, §19.1.2) and comparison rules
 * (§19.1.4) differ from java.net.URI, which rejects many valid SIP URIs.
 */
package dev.lifeline.sip.uri;
