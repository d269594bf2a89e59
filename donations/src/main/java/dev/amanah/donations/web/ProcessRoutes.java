package dev.amanah.donations.web;

import dev.amanah.donations.http.OtherMethods;
import dev.amanah.otp.Processes;
import dev.amanah.otp.TimerRef;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code GET /processes}: the process view, the BEAM observer's for this service;
 * {@code GET /events/processes}: its live stream, a {@code processes} event with a fresh
 * {@link ProcessTree} snapshot every {@value #INTERVAL_MS} ms (the view samples, as the observer
 * does: process counters change with every message, far too often to send as events). The stream
 * ends when the browser leaves or the server stops.
 */
final class ProcessRoutes implements HttpService {
    static final long INTERVAL_MS = 1000;

    private record Tick() {
    }

    private final ProcessTree tree;
    private final LiveStreams streams;

    ProcessRoutes(ProcessTree tree, LiveStreams streams) {
        this.tree = tree;
        this.streams = streams;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/processes", this::page);
        rules.get("/events/processes", this::stream);
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/processes", "/events/processes");
    }

    private void page(ServerRequest request, ServerResponse response) {
        var body = """
                <section class="intro"><h1>Processes</h1><p class="muted">The supervision tree of the service, as the BEAM's
                observer shows it: every process with its status, the messages waiting in its mailbox and the messages it
                has handled. Sampled every second. <span id="live-status" class="status" role="status">connecting…</span></p></section>
                <section class="tiles" id="totals"></section>
                <div class="columns wide-left"><section><h2>Supervision tree</h2><div class="card"><ul id="tree" class="tree">
                <li class="muted">loading…</li></ul></div>
                <p class="muted legend"><span class="dot running"></span>running <span class="dot waiting"></span>waiting
                <span class="chip">q</span> queue length <span class="chip">h</span> messages handled
                <span class="chip rate">+n/s</span> handled in the last second (a supervisor's +1/s is this view asking for its
                children); hover a process for its links</p></section>
                <section><h2>Top by queue length</h2><table class="card table" id="top-queue"><thead><tr><th>process</th>
                <th class="num">queue</th><th class="num">handled</th></tr></thead><tbody></tbody></table>
                <h2>Top by messages handled</h2><table class="card table" id="top-handled"><thead><tr><th>process</th>
                <th class="num">handled</th><th class="num">queue</th><th class="num">last second</th></tr></thead><tbody></tbody>
                </table></section></div>
                """;
        Html.send(response, Html.page("Processes", "/processes", null, body, "/assets/processes.js"));
    }

    private void stream(ServerRequest request, ServerResponse response) {
        if (!streams.enter(response)) {
            return;
        }
        var self = Processes.self();
        TimerRef timer = null;
        try (var out = EventStream.open(response)) {
            for (;;) {
                out.send("processes", tree.snapshot());
                timer = Processes.sendAfter(self, new Tick(), Duration.ofMillis(INTERVAL_MS));
                var message = Processes.receive(m -> m instanceof Tick || m instanceof LiveStreams.Close ? m : null);
                if (message instanceof LiveStreams.Close) {
                    return;
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // the browser left
        } finally {
            if (timer != null) {
                Processes.cancelTimer(timer);
            }
            streams.leave();
        }
    }
}
