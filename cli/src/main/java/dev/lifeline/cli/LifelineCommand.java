package dev.lifeline.cli;

import picocli.CommandLine.Command;

@Command(name = "lifeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lifeline keeps a site's phones working when the network under them breaks:",
            "a survivable SIP gateway and the continuity drills that prove it."
        },
        subcommands = {GatewayCommand.class, CheckCommand.class, StatusCommand.class, EventsCommand.class, SipCommand.class,
            ConfigCommand.class, DrillCommand.class, RunbookCommand.class, ReflectorCommand.class, QosCommand.class},
        footer = {"", "Also: './lifeline test' runs the test suite, './lifeline bench' the benchmarks."})
final class LifelineCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
