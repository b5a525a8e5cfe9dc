package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.Did;
import dev.lifeline.gateway.config.Extension;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.WanPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a scenario fits a site: the paths, extensions, DIDs and emergency numbers its timeline
 * names exist in the site configuration. A runner checks this before building the lab, so a
 * custom scenario naming {@code wan3} is refused with a reason instead of failing mid-run.
 * Provider targets are the lab's and are not checked here.
 */
public final class SiteCheck {

    private SiteCheck() {
    }

    /** One line per mismatch, naming the step; empty when the scenario fits. */
    public static List<String> problems(Scenario scenario, SiteConfig site) {
        Set<String> paths = site.paths().stream().map(WanPath::name).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        Set<String> extensions = site.extensions().stream().map(Extension::number).collect(Collectors.toSet());
        Set<String> dids = site.dids().stream().map(Did::number).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        List<String> emergency = site.dialPlan().emergency();
        List<String> problems = new ArrayList<>();
        List<Step> timeline = scenario.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            Step step = timeline.get(i);
            String where = "timeline[" + i + "] (" + step.describe() + "): ";
            switch (step.action()) {
                case Action.PlaceCalls a -> {
                    a.from().stream().filter(f -> !extensions.contains(f)).forEach(f -> problems.add(where
                            + "extension " + f + " is not in the site configuration"));
                    if (a.from().isEmpty() && extensions.isEmpty()) {
                        problems.add(where + "the site configuration has no extensions to call from");
                    }
                    if (emergency.contains(a.to())) {
                        problems.add(where + a.to() + " is an emergency number; use emergencyCall for it");
                    }
                }
                case Action.InboundCalls a -> {
                    if (!dids.contains(a.did())) {
                        problems.add(where + "DID " + a.did() + " is not in the site configuration; its DIDs are "
                                + String.join(", ", dids));
                    }
                }
                case Action.Hold a -> {
                    if (!extensions.contains(a.extension())) {
                        problems.add(where + "extension " + a.extension() + " is not in the site configuration");
                    }
                }
                case Action.EmergencyCall a -> {
                    if (!extensions.contains(a.from())) {
                        problems.add(where + "extension " + a.from() + " is not in the site configuration");
                    }
                    if (!emergency.contains(a.number())) {
                        problems.add(where + a.number() + " is not an emergency number of the dial plan; those are "
                                + String.join(", ", emergency));
                    }
                }
                default -> { }
            }
            Scenario.pathOf(step.action()).filter(p -> !paths.contains(p)).ifPresent(p -> problems.add(where + "path " + p
                    + " is not in the site configuration; its paths are " + String.join(", ", paths)));
        }
        return List.copyOf(problems);
    }
}
