/**
 * The {@code lifeline} command line (picocli). Commands parse their arguments, call the
 * modules below and print; they hold no product logic of their own. Exit codes: 0 ok,
 * 1 a check failed, 2 usage or operational error.
 */
package dev.lifeline.cli;
