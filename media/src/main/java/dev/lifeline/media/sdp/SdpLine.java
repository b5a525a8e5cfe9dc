package dev.lifeline.media.sdp;

/**
 * One {@code <type>=<value>} line of a session description (RFC 8866 §5), kept as received so
 * that lines this model does not interpret go back out exactly as they came in.
 *
 * @param type  the single type letter, e.g. {@code 'a'}
 * @param value everything after the {@code =}, without the line ending
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        if (value == null) {
            throw new IllegalArgumentException("SDP line value is null");
        }
    }

    /** True for {@code a=name} or {@code a=name:value}. */
    public boolean isAttribute(String name) {
        if (type != 'a' || !value.startsWith(name)) {
            return false;
        }
        return value.length() == name.length() || value.charAt(name.length()) == ':';
    }

    /** The part of an attribute after {@code name:}, empty for a property attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
