package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} is checked before anything runs: a folder is refused, a file's path taken. */
class OutPathTest {
    @Test
    void aFolderIsRefusedWithTheFileToNameInstead(@TempDir Path folder) {
        assertThat(Bench.outProblem(folder))
                .contains("is a folder")
                .contains(folder.resolve("latest.md").toString());
    }

    @Test
    void aFilesPathIsTakenWhetherOrNotItExists(@TempDir Path folder) {
        assertThat(Bench.outProblem(folder.resolve("ring.md"))).isNull();
        assertThat(Bench.outProblem(folder.resolve("new/ring.md"))).isNull();
    }
}
