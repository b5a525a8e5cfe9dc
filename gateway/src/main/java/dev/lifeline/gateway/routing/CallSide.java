package dev.lifeline.gateway.routing;

import dev.lifeline.media.relay.Leg;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One confirmed leg of a call: the dialog with that party, where its requests go (the flow it
 * is reached on — the NAT-learnt address for a phone, the trunk's target for a provider, not a
 * lookup of the Contact, which behind NAT is a private address) and the credentials a
 * provider may challenge in-dialog requests for.
 */
record CallSide(Leg leg, Dialog dialog, Target target, Optional<DigestClient> credentials, MediaLeg media,
                String description) {

    CompletionStage<SipResponse> send(SipStack stack, SipRequest request) {
        return credentials.isPresent()
                ? stack.requestWithAuth(request, target, credentials.get())
                : stack.request(request, target);
    }

    /** This side reached another way: a WAN path change moved the provider's side of the call. */
    CallSide withTarget(Target next) {
        return new CallSide(leg, dialog, next, credentials, media, description);
    }

    boolean isTrunk() {
        return credentials.isPresent() || description.startsWith("trunk");
    }
}
