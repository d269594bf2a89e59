package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputExceptionTest {

    /**
     * A directory the kernel will not let anyone make (under /proc, say) fails with a
     * NoSuchFileException, whose message is only the path: the user read "cannot be written
     * (/proc/x)", the path twice and no reason.
     */
    @Test
    void an_output_that_cannot_be_made_for_want_of_its_parent_says_so() {
        var e = InputException.unwritable("--out", Path.of("/proc/x"), new NoSuchFileException("/proc/x"));
        assertThat(e.getMessage()).isEqualTo("--out: /proc/x cannot be written (no such file or directory: /proc/x)");
    }
}
