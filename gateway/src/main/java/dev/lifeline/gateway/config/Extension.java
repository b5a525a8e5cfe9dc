package dev.lifeline.gateway.config;

import dev.lifeline.sip.auth.Credential;
import java.util.List;
import java.util.Objects;

/**
 * A phone's account. Its number is also its digest username.
 *
 * @param credential the password, or HA1 values per algorithm; prints without its secret
 * @param groups numbers of the groups this extension also rings in
 */
public record Extension(String number, String displayName, Credential credential, List<String> groups) {

    public Extension {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(credential, "credential");
        groups = List.copyOf(groups);
    }
}
