package dev.amanah.donations.importer;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work, shown as a progress bar on a terminal ({@code me.tongfei:progressbar})
 * or not at all (output redirected to a file or a pipe, tests). Not thread-safe: one worker steps it.
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

    /**
     * Bars drawn on {@code err} (standard error, so standard output keeps only the summary), 80
     * characters wide, each redrawn in place with a carriage return at most every 200 ms; closed,
     * a bar shows where it ended and ends its line, so what is printed next starts on a line of
     * its own. For a terminal only: in a file each redraw would stay.
     */
    static Progress terminal(PrintWriter err) {
        return (task, total) -> {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).continuousUpdate()
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.print('\r' + line);
                        err.flush();
                    }, 80))
                    .build();
            return new Bar() {
                @Override
                public void stepTo(long done) {
                    bar.stepTo(done);
                }

                @Override
                public void close() {
                    bar.close();
                    err.println();
                    err.flush();
                }
            };
        };
    }
}
