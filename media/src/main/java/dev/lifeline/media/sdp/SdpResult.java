package dev.lifeline.media.sdp;

/** What parsing a body gave: a session description, or why it is not one. Never an exception. */
public sealed interface SdpResult permits SdpResult.Parsed, SdpResult.Invalid {

    record Parsed(SessionDescription sdp) implements SdpResult {
    }

    /** @param reason names the line and what was expected, fit for a 488 Warning or a log */
    record Invalid(String reason) implements SdpResult {
    }
}
