package dev.lifeline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "qos", mixinStandardHelpOptions = true,
        description = "QoS for the site's edge router: marking and shaping that put the gateway's voice first.",
        subcommands = {QosPlanCommand.class})
final class QosCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
