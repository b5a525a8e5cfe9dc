package dev.lifeline.gateway.trunk;

import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipAuthenticationException;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the stack hands back for a REGISTER into the {@link RegisterOutcome} the machine reads. */
final class RegisterAnswers {

    private RegisterAnswers() {
    }

    static RegisterOutcome of(SipResponse response, SipUri contact, Duration asked) {
        Optional<Duration> granted = response.isSuccess() ? Optional.of(granted(response, contact, asked)) : Optional.empty();
        return new RegisterOutcome.Answered(ResponseLine.of(response), granted, response.minExpires(), response.retryAfter());
    }

    static RegisterOutcome of(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case SipTimeoutException t -> new RegisterOutcome.TimedOut(t.getMessage());
            case SipAuthenticationException a -> new RegisterOutcome.Unanswerable(a.getMessage());
            case TransportException t -> new RegisterOutcome.TransportFailed(t.getMessage());
            default -> new RegisterOutcome.TransportFailed(describe(cause));
        };
    }

    /** Why a request got no response, in words: the exception's message, or its class when it has none. */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SipTimeoutException || cause instanceof TransportException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + message;
    }

    /**
     * What the provider granted our Contact (RFC 3261 §10.2.4): its expires parameter in the
     * 200; else, when the 200 lists a single Contact (a provider may rewrite ours, e.g. with the
     * address it saw through NAT), that one's; else the Expires header; else what we asked.
     */
    static Duration granted(SipResponse response, SipUri contact, Duration asked) {
        List<Contact> contacts = response.contacts().stream().filter(c -> !c.wildcard()).toList();
        OptionalInt seconds = contacts.stream().filter(c -> c.uri().equals(contact)).map(Contact::expires)
                .filter(OptionalInt::isPresent).findFirst().orElse(OptionalInt.empty());
        if (seconds.isEmpty() && contacts.size() == 1) {
            seconds = contacts.get(0).expires();
        }
        if (seconds.isEmpty()) {
            seconds = response.expires();
        }
        return seconds.isPresent() ? Duration.ofSeconds(seconds.getAsInt()) : asked;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
