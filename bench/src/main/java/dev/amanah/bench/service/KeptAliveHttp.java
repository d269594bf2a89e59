package dev.amanah.bench.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The benchmark's load generator on the wire: plain blocking HTTP/1.1 POSTs over kept-alive
 * sockets to 127.0.0.1, one request at a time per socket, the sockets lent from an idle pool (a
 * caller takes an idle one or opens one, and gives it back after a complete answer). It exists
 * because the load generator runs in the service's JVM and shares its two cores: the JDK's
 * {@code HttpClient} (a selector thread, asynchronous exchanges, a worker pool) cost about a sixth
 * of the JVM's CPU time per donation, which the throughput row would charge to the service.
 * Understands what the service sends: a status line, headers, and a body of
 * {@code Content-Length} bytes or chunked.
 *
 * <p>Thread-safe; each call blocks its (virtual) thread. Close it after use.
 */
final class KeptAliveHttp implements AutoCloseable {
    /** An answer: its status code and body. */
    record Answer(int status, String body) {
    }

    private static final int TIMEOUT_MILLIS = 60_000;

    private final int port;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

    KeptAliveHttp(int port) {
        this.port = port;
    }

    /**
     * POSTs {@code json} to {@code path} with the given extra header, and returns the answer.
     *
     * @throws IOException if the connection fails or the answer is not HTTP/1.1 as expected
     */
    Answer post(String path, String headerName, String headerValue, String json) throws IOException {
        var channel = idle.pollFirst();
        if (channel == null) {
            channel = new Channel(port);
        }
        Answer answer;
        try {
            answer = channel.post(path, headerName, headerValue, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (channel.reusable) {
            idle.offerFirst(channel);
        } else {
            channel.close();
        }
        return answer;
    }

    /** Closes the idle sockets (calls under way close theirs when they end). */
    @Override
    public void close() {
        for (Channel channel; (channel = idle.pollFirst()) != null; ) {
            channel.close();
        }
    }

    /** One socket: one request, then its whole answer, at a time. */
    private static final class Channel {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private boolean reusable = true;

        Channel(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            host = "127.0.0.1:" + port;
        }

        Answer post(String path, String headerName, String headerValue, byte[] body) throws IOException {
            var head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + headerName + ": " + headerValue + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            var status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (var header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                var name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                var value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] content;
            if (chunked) {
                content = chunkedBody();
            } else if (length >= 0) {
                content = in.readNBytes((int) length);
                if (content.length != length) {
                    throw new EOFException("the answer ended after " + content.length + " of " + length + " bytes");
                }
            } else {
                throw new IOException("an answer without a length on a kept-alive connection");
            }
            return new Answer(code, new String(content, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            var body = new ByteArrayOutputStream();
            while (true) {
                var size = line();
                int extension = size.indexOf(';');
                int n = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (n == 0) {
                    String trailer;
                    do {
                        trailer = line();   // trailers: none expected, skipped up to the blank line
                    } while (!trailer.isEmpty());
                    return body.toByteArray();
                }
                var chunk = in.readNBytes(n);
                if (chunk.length != n) {
                    throw new EOFException("a chunk ended early");
                }
                body.write(chunk);
                line();
            }
        }

        /** A header line without its CRLF. */
        private String line() throws IOException {
            var text = new StringBuilder(64);
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    text.append((char) b);
                }
            }
            return text.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing: nothing to keep.
            }
        }
    }
}
