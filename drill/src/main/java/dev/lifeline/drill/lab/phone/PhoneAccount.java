package dev.lifeline.drill.lab.phone;

/**
 * An extension and its digest password, as the gateway's configuration has them.
 *
 * @param extension the phone's number and username
 * @param password  its password (never logged)
 */
public record PhoneAccount(String extension, String password) {

    public PhoneAccount {
        if (extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("phone account extension is empty");
        }
        if (password == null) {
            throw new IllegalArgumentException("phone account " + extension + " has no password");
        }
    }

    @Override
    public String toString() {
        return "PhoneAccount[" + extension + "]";
    }
}
