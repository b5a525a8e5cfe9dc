package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code drill:} section: what {@code lifeline drill --site} uses against this running
 * gateway in a maintenance window. Absent: the site has no site drill configured.
 *
 * @param testExtension  an extension of this site the drill's built-in test phone registers as
 * @param testPassword   that extension's SIP password (prints as ***)
 * @param testNumber     what the test phone calls over the trunk, e.g. the provider's echo number
 * @param did            a DID of this site that reaches the test extension, for the inbound step
 * @param phoneAddress   the LAN address the test phone binds to (must be one the gateway accepts phones from)
 * @param cutPath        the WAN path to cut; empty: the one active when the step starts
 * @param cutFor         how long the path cut lasts (the gateway's deadline for the fault)
 * @param lossPercent    the share of the test call's media the gateway drops in the loss step
 * @param lossFor        how long the loss lasts
 * @param restartCommand a command line run on the gateway host ({@code /bin/sh -c}) that restarts
 *                       the gateway, e.g. {@code systemctl restart lifeline}; only
 *                       {@code drill --site --restart} runs it. Empty: the restart step is not run
 */
public record DrillSettings(String testExtension, Secret testPassword, String testNumber, Optional<String> did,
                            String phoneAddress, Optional<String> cutPath, Duration cutFor, int lossPercent,
                            Duration lossFor, Optional<String> restartCommand) {

    public static final Duration DEFAULT_CUT = Duration.ofSeconds(20);
    public static final int DEFAULT_LOSS_PERCENT = 5;
    public static final Duration DEFAULT_LOSS = Duration.ofSeconds(15);

    public DrillSettings {
        Objects.requireNonNull(testExtension, "testExtension");
        Objects.requireNonNull(testPassword, "testPassword");
        Objects.requireNonNull(testNumber, "testNumber");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(phoneAddress, "phoneAddress");
        Objects.requireNonNull(cutPath, "cutPath");
        Objects.requireNonNull(cutFor, "cutFor");
        Objects.requireNonNull(lossFor, "lossFor");
        Objects.requireNonNull(restartCommand, "restartCommand");
    }

    /** Without a restart command. */
    public DrillSettings(String testExtension, Secret testPassword, String testNumber, Optional<String> did,
                         String phoneAddress, Optional<String> cutPath, Duration cutFor, int lossPercent,
                         Duration lossFor) {
        this(testExtension, testPassword, testNumber, did, phoneAddress, cutPath, cutFor, lossPercent, lossFor,
                Optional.empty());
    }
}
