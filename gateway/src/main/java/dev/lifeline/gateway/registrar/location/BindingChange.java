package dev.lifeline.gateway.registrar.location;

/** A change the registrar asks the store to make. All changes of one REGISTER commit together (RFC 3261 §10.3 step 7). */
public sealed interface BindingChange {

    String aor();

    String key();

    /** Adds the binding, or replaces the one with the same AOR and key. */
    record Upsert(Binding binding) implements BindingChange {
        @Override
        public String aor() {
            return binding.aor();
        }

        @Override
        public String key() {
            return binding.key();
        }
    }

    /** Removes the binding with this AOR and key, if there is one. */
    record Remove(String aor, String key) implements BindingChange {
    }
}
