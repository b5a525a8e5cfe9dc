package dev.lifeline.gateway.calls;

import java.util.Locale;

/**
 * Which network a call's leg crosses: the site's own LAN (phone ↔ gateway) or a WAN path
 * (gateway ↔ provider). A call between two extensions has two LAN legs.
 */
public enum LegSide {
    LAN, WAN;

    /** "lan" or "wan", as events, the admin API and metric labels spell it. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
