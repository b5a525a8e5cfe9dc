package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.sip.message.SipRequest;
import java.util.List;
import java.util.Objects;

/**
 * Everything one REGISTER decision depends on.
 *
 * @param request  the REGISTER
 * @param source   the flow it arrived on
 * @param user     the user its digest credentials proved; never a claim from the request
 * @param bindings that user's bindings not expired now
 */
public record RegisterContext(SipRequest request, Flow source, String user, List<Binding> bindings) {

    public RegisterContext {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(user, "user");
        if (!request.isMethod("REGISTER")) {
            throw new IllegalArgumentException("not a REGISTER: " + request.method());
        }
        bindings = List.copyOf(bindings);
    }
}
