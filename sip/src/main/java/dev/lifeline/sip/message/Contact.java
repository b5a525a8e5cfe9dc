package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One Contact value (RFC 3261 §20.10): the wildcard "*" of a REGISTER that removes all bindings,
 * or an address with its contact-params (q, expires, +sip.instance, reg-id…).
 *
 * @param wildcard true for "*"
 * @param address the address; null exactly when wildcard
 */
public record Contact(boolean wildcard, NameAddress address) {

    public static final Contact WILDCARD = new Contact(true, null);

    public Contact {
        if (wildcard != (address == null)) {
            throw new IllegalArgumentException("a Contact is either the wildcard or an address");
        }
    }

    public static Contact of(NameAddress address) {
        return new Contact(false, address);
    }

    /**
     * Parses the Contact field values of a message. "*" must be the only value (§10.2.2).
     * Throws {@link InvalidHeaderException} naming the defect.
     */
    public static List<Contact> parseAll(List<String> fieldValues) {
        List<Contact> out = new ArrayList<>(fieldValues.size());
        for (String v : fieldValues) {
            add(v, out);
        }
        return finish(out);
    }

    /** Parses one Contact field value into out. */
    static void add(String fieldValue, List<Contact> out) {
        if (fieldValue.strip().equals("*")) {
            out.add(WILDCARD);
            return;
        }
        List<NameAddress> addresses = new ArrayList<>(1);
        NameAddress.parseList(fieldValue, HeaderNames.CONTACT, addresses);
        for (NameAddress a : addresses) {
            out.add(new Contact(false, a));
        }
    }

    /**
     * {@link #add(String, List)} of a value still in the wire bytes {@code b[from, to)}, read in
     * place; false, with out as it was, when it is not on the fast path: add the text then.
     */
    static boolean addWire(byte[] b, int from, int to, List<Contact> out) {
        return addWire(b, from, to, false, out);
    }

    /** {@link #addWire(byte[], int, int, List)} of bytes the decoder may know are ASCII. */
    static boolean addWire(byte[] b, int from, int to, boolean knownAscii, List<Contact> out) {
        if (to - from == 1 && b[from] == '*') {
            out.add(WILDCARD);
            return true;
        }
        List<NameAddress> addresses = new ArrayList<>(1);
        if (!NameAddress.parseListWire(b, from, to, knownAscii, addresses)) {
            return false;
        }
        for (NameAddress a : addresses) {
            out.add(new Contact(false, a));
        }
        return true;
    }

    /** The checks over all values of a message (§10.2.2), and the immutable list. */
    static List<Contact> finish(List<Contact> out) {
        if (out.size() > 1 && out.contains(WILDCARD)) {
            throw new InvalidHeaderException("Contact: '*' must be the only Contact value");
        }
        return List.copyOf(out);
    }

    /** The address URI; throws for the wildcard. */
    public Uri uri() {
        if (wildcard) {
            throw new IllegalStateException("the wildcard Contact has no URI");
        }
        return address.uri();
    }

    /** The q parameter in 0..1, or empty when absent or malformed. */
    public OptionalDouble q() {
        String v = wildcard ? null : address.params().valueOrNull("q");
        if (v == null || v.isEmpty() || v.length() > 5) {
            return OptionalDouble.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return OptionalDouble.empty();
            }
        }
        try {
            double q = Double.parseDouble(v);
            return q >= 0 && q <= 1 ? OptionalDouble.of(q) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The expires parameter in seconds, or empty when absent or malformed. Values above
     * {@link Integer#MAX_VALUE} are clamped (RFC 3261 §20.19 treats overlarge values as 2^32-1).
     */
    public OptionalInt expires() {
        return wildcard ? OptionalInt.empty() : HeaderValues.deltaSeconds(address.params().valueOrNull("expires"));
    }

    public Contact withExpires(int seconds) {
        return new Contact(false, address.withParam("expires", Integer.toString(seconds)));
    }

    @Override
    public String toString() {
        return wildcard ? "*" : address.toString();
    }
}
