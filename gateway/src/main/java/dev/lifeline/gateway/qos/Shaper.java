package dev.lifeline.gateway.qos;

import java.util.Locale;

/** How the shaping script queues each direction. */
public enum Shaper {
    /** CAKE with diffserv4 tins (EF in the Voice tin, CS3 in the Video tin). */
    CAKE,
    /** HTB with a voice class (EF and CS3) guaranteed the voice share, fq_codel in each class. */
    HTB;

    public static Shaper parse(String text) {
        for (Shaper s : values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a shaper; expected cake or htb");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
