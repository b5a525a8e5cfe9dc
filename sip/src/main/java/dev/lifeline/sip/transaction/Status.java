package dev.lifeline.sip.transaction;

/** Status-code classes as the transaction machines see them (RFC 3261 §21). */
final class Status {

    private Status() {
    }

    static void check(int status) {
        if (!valid(status)) {
            throw new IllegalArgumentException("status code must be 100-699, was " + status);
        }
    }

    static boolean valid(int status) {
        return status >= 100 && status <= 699;
    }

    static boolean provisional(int status) {
        return status < 200;
    }

    static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    static boolean failure(int status) {
        return status >= 300;
    }

    /** 401 and 407: a digest challenge (RFC 3261 §22). */
    static boolean challenge(int status) {
        return status == 401 || status == 407;
    }
}
