/**
 * The {@code lifeline} command line (picocli). Commands parse their arguments, call the
 * modules below and print; they hold no product logic of their own. Exit codes: 0 ok,
 * 1 a check failed, 2 usage or operational error.
 *
 * <p>The site file a command reads without {@code --config} is the installed service's
 * {@code /etc/lifeline/site.yaml}, else the checkout's {@code examples/site.yaml} found from
 * where the program is ({@link dev.lifeline.cli.SiteFiles}), never from the working directory.
 * Packaging (a Debian package with a hardened systemd unit) lives in {@code packaging/} at the
 * repository's root; {@code lifeline --version} names the commit the jar was built from.
 */
package dev.lifeline.cli;
