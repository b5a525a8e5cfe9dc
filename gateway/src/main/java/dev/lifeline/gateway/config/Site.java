package dev.lifeline.gateway.config;

import java.util.Objects;

/**
 * Who this gateway is and how its country writes numbers.
 *
 * @param name shown in status and reports
 * @param countryCode E.164 country code without '+', e.g. "1" (NANP) or "44"
 * @param nationalPrefix trunk prefix dialled before a national number, e.g. "1" in NANP or "0"; empty if none
 */
public record Site(String name, String countryCode, String nationalPrefix) {

    public Site {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(nationalPrefix, "nationalPrefix");
    }
}
