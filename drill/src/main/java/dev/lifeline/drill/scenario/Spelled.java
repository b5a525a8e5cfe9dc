package dev.lifeline.drill.scenario;

import java.util.Locale;

/** An enum constant with the word scenario files use for it ("servfail", "503", "both"). */
interface Spelled {

    String spelling();

    /** The constant spelt {@code text} (case ignored); the message lists every spelling otherwise. */
    static <E extends Enum<E> & Spelled> E parse(Class<E> type, String what, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.spelling().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        StringBuilder all = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            all.append(all.isEmpty() ? "" : ", ").append(e.spelling());
        }
        throw new IllegalArgumentException(what + " " + Checks.quote(text) + " is not one of " + all);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
