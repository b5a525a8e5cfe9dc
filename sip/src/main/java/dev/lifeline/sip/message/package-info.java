/**
 * The SIP message model: immutable requests and responses that keep the bytes they were
 * parsed from and parse a header into a typed value only when asked (RFC 3261 §7, §20,
 * §25). A message that cannot be understood is never an exception here: the codec reports
 * it as a value with a reason.
 *
 * <p>The headers every message is checked for are read straight from the received bytes when
 * they are ASCII and of the usual shape ({@code WireCursor}); anything else is decoded and read
 * as text, which alone decides defects and their reasons. Property tests hold the two paths
 * equal. Header values a response copies from its request are copied as bytes.
 */
package dev.lifeline.sip.message;
