/**
 * Logging that an outsider cannot turn into a flood: {@link dev.lifeline.sip.logging.LogLimiter}
 * lets one line per kind and source through per interval and reports how many it held back.
 * Used by the SIP stack and the gateway wherever a packet from the network can cause a log line.
 */
package dev.lifeline.sip.logging;
