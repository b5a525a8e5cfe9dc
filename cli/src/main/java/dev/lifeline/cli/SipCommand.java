package dev.lifeline.cli;

import picocli.CommandLine.Command;

@Command(name = "sip", mixinStandardHelpOptions = true,
        description = "SIP tools for engineers reading captures.",
        subcommands = {SipCheckCommand.class})
final class SipCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
