package dev.lifeline.gateway.trunk;

import dev.lifeline.sip.message.SipResponse;
import java.util.Objects;

/** The status line of the last response from the provider, e.g. {@code 401 Unauthorized}. */
public record ResponseLine(int status, String reason) {

    public ResponseLine {
        Objects.requireNonNull(reason, "reason");
    }

    public static ResponseLine of(SipResponse response) {
        return new ResponseLine(response.status(), response.reason());
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
