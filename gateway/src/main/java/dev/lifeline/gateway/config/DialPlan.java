package dev.lifeline.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a dialled number is routed. Order of checks: emergency numbers (also after an outside-line
 * code), then extensions and groups and the internal pattern, then the outbound rules in order.
 *
 * @param internal numbers that are local even when nothing is configured for them (answered
 *     404 locally instead of leaking to a trunk); when absent, only configured numbers are local
 * @param emergency numbers always allowed for every registered extension, to the first reachable trunk
 * @param outsideLine access codes users dial before an outside number ("9" in much of North
 *     America and the UK, "0" in Germany): an emergency number dialled after one is the emergency
 *     number, whatever the internal pattern says, because that is how people dial it in a hurry
 * @param limits how many calls one caller may hold up at once
 */
public record DialPlan(Optional<Pattern> internal, List<String> emergency, List<String> outsideLine,
                       List<OutboundRule> outbound, NoTrunkPolicy whenNoTrunk, CallLimits limits) {

    public DialPlan {
        Objects.requireNonNull(internal, "internal");
        emergency = List.copyOf(emergency);
        outsideLine = List.copyOf(outsideLine);
        outbound = List.copyOf(outbound);
        Objects.requireNonNull(whenNoTrunk, "whenNoTrunk");
        Objects.requireNonNull(limits, "limits");
    }

    /** A dial plan whose outside-line codes are those its rules strip ({@link #outsideLineCodes}), default limits. */
    public DialPlan(Optional<Pattern> internal, List<String> emergency, List<OutboundRule> outbound,
                    NoTrunkPolicy whenNoTrunk) {
        this(internal, emergency, outsideLineCodes(outbound), outbound, whenNoTrunk, CallLimits.DEFAULT);
    }

    /**
     * The emergency number {@code dialled} stands for: itself when it is one, else what follows
     * an outside-line code when that is one (9911 → 911). Empty for any other number.
     */
    public Optional<String> emergencyNumber(String dialled) {
        if (emergency.contains(dialled)) {
            return Optional.of(dialled);
        }
        return outsideLine.stream().filter(dialled::startsWith).map(code -> dialled.substring(code.length()))
                .filter(emergency::contains).findFirst();
    }

    /** Every way an emergency number is dialled here: as it is, and after each outside-line code. */
    public List<String> emergencyDialStrings() {
        List<String> all = new ArrayList<>(emergency);
        for (String code : outsideLine) {
            emergency.forEach(e -> all.add(code + e));
        }
        return List.copyOf(all);
    }

    /**
     * The outside-line codes implied by the rules: the leading digits a rule strips when its
     * pattern starts with exactly those digits and it puts no prefix in their place. "9(\d{7,15})"
     * with strip 1 gives "9"; "00(\d+)" with prefix "+" is an international prefix, not a line code.
     */
    public static List<String> outsideLineCodes(List<OutboundRule> rules) {
        List<String> codes = new ArrayList<>();
        for (OutboundRule r : rules) {
            String source = r.match().pattern();
            if (r.strip() > 0 && r.prefix().isEmpty() && source.length() > r.strip()) {
                String code = source.substring(0, r.strip());
                boolean quantified = "?*+{".indexOf(source.charAt(r.strip())) >= 0;   // "9?(...)": the 9 is optional
                if (code.chars().allMatch(Character::isDigit) && !quantified && !codes.contains(code)) {
                    codes.add(code);
                }
            }
        }
        return List.copyOf(codes);
    }
}
