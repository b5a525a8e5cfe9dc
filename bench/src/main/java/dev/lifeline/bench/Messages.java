package dev.lifeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The realistic messages both parsers are fed (bench resources, CRLF line ends). */
final class Messages {

    static final byte[] REGISTER = load("register.sip");
    static final byte[] INVITE = load("invite.sip");

    private Messages() {
    }

    private static byte[] load(String name) {
        try (InputStream in = Messages.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing bench resource /messages/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
