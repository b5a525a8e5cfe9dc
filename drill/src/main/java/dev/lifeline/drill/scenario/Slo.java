package dev.lifeline.drill.scenario;

import java.util.Objects;

/**
 * One expectation of a scenario: a measured metric compared with a target, e.g.
 * {@code detection_s <= 1 s}.
 *
 * @param name       how reports call it, e.g. "detection"; distinct within a scenario
 * @param metric     the {@link Metrics} name it reads, e.g. {@code detection_s}
 * @param comparator how the measured value must relate to the target
 * @param target     the value compared with
 * @param unit       shown after the numbers ("s", "ms", "MOS", "calls"); may be empty
 */
public record Slo(String name, String metric, Comparator comparator, double target, String unit) {

    /** How measured and target must relate. */
    public enum Comparator implements Spelled {
        AT_MOST("<="), AT_LEAST(">="), EQUAL("==");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        /** "<=", ">=" or "==". */
        public String symbol() {
            return symbol;
        }

        @Override
        public String spelling() {
            return symbol;
        }

        /**
         * True when {@code measured} satisfies the comparison with {@code target}. Equality allows
         * for a rounding error of a part per billion, since metrics are computed doubles.
         */
        public boolean holds(double measured, double target) {
            return switch (this) {
                case AT_MOST -> measured <= target;
                case AT_LEAST -> measured >= target;
                case EQUAL -> Math.abs(measured - target) <= 1e-9 * Math.max(1, Math.abs(target));
            };
        }
    }

    public Slo {
        name = Checks.text("SLO name", name).strip();
        if (name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("SLO name " + Checks.quote(name)
                    + " is not usable; expected one line of at most 64 characters");
        }
        Metrics.requireName(metric);
        Objects.requireNonNull(comparator, "comparator");
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("SLO " + name + ": target must be a finite number, got " + target);
        }
        unit = Objects.requireNonNull(unit, "unit (empty for none)").strip();
        target = target + 0.0; // -0.0 would print as 0 and read back unequal
    }

    /** {@code metric <= target}. */
    public static Slo atMost(String name, String metric, double target, String unit) {
        return new Slo(name, metric, Comparator.AT_MOST, target, unit);
    }

    /** {@code metric >= target}. */
    public static Slo atLeast(String name, String metric, double target, String unit) {
        return new Slo(name, metric, Comparator.AT_LEAST, target, unit);
    }

    /** {@code metric == target}. */
    public static Slo equalTo(String name, String metric, double target, String unit) {
        return new Slo(name, metric, Comparator.EQUAL, target, unit);
    }

    /** Judges the measurement: a metric that was not measured fails, with reason "not measured". */
    public SloResult evaluate(Metrics metrics) {
        return SloResult.evaluate(this, metrics);
    }

    /** The target with its unit, e.g. "<= 1 s". */
    public String describeTarget() {
        return comparator.symbol() + " " + withUnit(target);
    }

    /** "detection_s <= 1 s". */
    public String describe() {
        return metric + " " + describeTarget();
    }

    /** A value for messages: whole numbers as is, from 100 up rounded to whole, else 3 significant digits. */
    String withUnit(double value) {
        String number;
        if (value == Math.rint(value) || Math.abs(value) >= 100) {
            number = Checks.plain(Math.rint(value));
        } else {
            number = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
