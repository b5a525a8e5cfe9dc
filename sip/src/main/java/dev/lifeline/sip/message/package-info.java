/**
 * The SIP message model: immutable requests and responses that keep the bytes they were
 * parsed from and parse a header into a typed value only when asked (RFC 3261 §7, §20,
 * §25). A message that cannot be understood is never an exception here: the codec reports
 * it as a value with a reason.
 */
package dev.lifeline.sip.message;
