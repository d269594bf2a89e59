package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Terminal}: which standard errors get progress bars. */
class TerminalTest {

    @Test
    void terminal_devices_are_terminals() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
    }

    @Test
    void pipes_files_sockets_and_dev_null_are_not() {
        assertThat(Terminal.isTerminalDevice("pipe:[48213]")).isFalse();
        assertThat(Terminal.isTerminalDevice("socket:[48213]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/var/log/amanah/receipts.log")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
        assertThat(Terminal.isTerminalDevice("/tmp/dev/pts/3")).isFalse();
    }

    /** Surefire runs the tests in a JVM whose standard error is a pipe, as cron's and CI's often are. */
    @Test
    void the_tests_standard_error_a_pipe_to_maven_is_not_a_terminal() {
        assertThat(Terminal.standardError()).isFalse();
    }
}
