package dev.lifeline.gateway.edge;

import dev.lifeline.sip.message.SipRequest;
import java.util.Set;

/** Where the edge sends a request, decided from its method and whether it is inside a dialog. */
public enum RequestRoute {
    /** ACK: never answered; an ACK for a 2xx belongs to the call. */
    ACK,
    /** CANCEL: the stack has answered it (200, and 487 to the INVITE); the call is told. */
    CANCEL,
    /** A request with a To tag: part of a dialog the call handler knows, or 481. */
    IN_DIALOG,
    REGISTER,
    OPTIONS,
    /** An INVITE without a To tag: a new call. */
    NEW_CALL,
    /** A method that only makes sense inside a dialog, sent outside one: 481. */
    NO_DIALOG,
    /** Anything else (MESSAGE, SUBSCRIBE, REFER, PUBLISH…): 405 with Allow. */
    UNSUPPORTED;

    /** The methods listed in Allow of a 405 (RFC 3261 §21.4.6). */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, PRACK";

    private static final Set<String> DIALOG_ONLY = Set.of("BYE", "UPDATE", "INFO", "PRACK");

    public static RequestRoute of(SipRequest request) {
        String method = request.method();
        if (method.equals("ACK")) {
            return ACK;
        }
        if (method.equals("CANCEL")) {
            return CANCEL;
        }
        if (request.to().tag().isPresent()) {
            return IN_DIALOG;
        }
        return switch (method) {
            case "REGISTER" -> REGISTER;
            case "OPTIONS" -> OPTIONS;
            case "INVITE" -> NEW_CALL;
            default -> DIALOG_ONLY.contains(method) ? NO_DIALOG : UNSUPPORTED;
        };
    }
}
