package dev.lifeline.drill.lab;

/** The lab could not be built or a part of it failed to start; the message says which and why. */
public class LabException extends Exception {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
