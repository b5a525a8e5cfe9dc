package dev.lifeline.gateway.dns;

import org.xbill.DNS.Type;

/** The record types RFC 3263 location asks for. */
public enum RecordType {
    A(Type.A), AAAA(Type.AAAA), SRV(Type.SRV), NAPTR(Type.NAPTR);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The type's number on the wire (RFC 1035 §3.2.2 and successors). */
    public int code() {
        return code;
    }
}
