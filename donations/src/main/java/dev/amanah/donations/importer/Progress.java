package dev.amanah.donations.importer;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work, shown as a progress bar on the terminal ({@code me.tongfei:progressbar})
 * or not at all (tests). Not thread-safe: one worker steps it.
 */
public interface Progress {

    /** No output. */
    Progress NONE = new Progress() {
        @Override
        public Bar start(String task, long total) {
            return new Bar() {
                @Override
                public void stepTo(long done) {
                }

                @Override
                public void close() {
                }
            };
        }
    };

    /** A bar that counts {@code total} steps of {@code task}. Close it when done. */
    Bar start(String task, long total);

    /** One running bar. */
    interface Bar extends AutoCloseable {
        /** Shows {@code done} of the total as done (a retried transaction may start again from 0). */
        void stepTo(long done);

        /** Finishes the bar. */
        @Override
        void close();
    }

    /** Bars drawn on {@code out} (standard error, so standard output keeps only the summary). */
    static Progress terminal(PrintStream out) {
        return (task, total) -> {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(200).continuousUpdate().build();
            return new Bar() {
                @Override
                public void stepTo(long done) {
                    bar.stepTo(done);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }
}
