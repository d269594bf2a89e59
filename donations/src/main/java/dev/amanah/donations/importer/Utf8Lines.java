package dev.amanah.donations.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a file once through, as strict UTF-8, to count its lines (for the progress bar) and to
 * refuse it whole, before any row is checked, if it is not UTF-8 text: the first byte that is not
 * is named with its offset and line. A zero byte in the header is refused too: valid UTF-8, but no
 * column name holds one, while ASCII written as UTF-16 without a byte-order mark is every other byte
 * zero. (In a row it is that row's problem, as any control character is.) Stateless.
 */
final class Utf8Lines {
    private static final int CHUNK = 64 * 1024;

    private Utf8Lines() {
    }

    /**
     * The lines of {@code file} (a last line without a line break counts).
     *
     * @throws NotUtf8Exception if it is not UTF-8 text or its header holds a zero byte
     * @throws IOException      if it cannot be read
     */
    static long count(Path file) throws IOException {
        var counter = new Counter();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();   // a new decoder reports malformed input
        var in = ByteBuffer.allocate(CHUNK);
        var out = CharBuffer.allocate(CHUNK);
        try (var channel = FileChannel.open(file)) {
            boolean end;
            do {
                end = channel.read(in) == -1;
                in.flip();
                var result = decoder.decode(in, out, end);
                counter.take(out);
                while (result.isOverflow()) {
                    result = decoder.decode(in, out, end);
                    counter.take(out);
                }
                if (result.isError()) {
                    throw counter.notUtf8(in);
                }
                in.compact();
            } while (!end);
            decoder.flush(out);
            counter.take(out);
        }
        return counter.lines();
    }

    /** Counts what was decoded: bytes (each char's UTF-8 length: the decoding was exact) and line breaks. */
    private static final class Counter {
        private long offset;
        private long breaks;
        private char last = '\n';

        void take(CharBuffer out) {
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c == 0 && breaks == 0) {
                    throw new NotUtf8Exception("not UTF-8: a zero byte at offset " + offset
                            + " of the header, which no column name holds (UTF-16 without a byte-order mark?)");
                }
                // \r\n is one break, as are \r and \n alone: the breaks commons-csv counts lines by
                if (c == '\r' || (c == '\n' && last != '\r')) {
                    breaks++;
                }
                offset += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
                last = c;
            }
            out.clear();
        }

        /** The refusal of the byte at {@code in}'s position, where decoding stopped. */
        NotUtf8Exception notUtf8(ByteBuffer in) {
            int bad = in.get(in.position()) & 0xFF;
            if (offset == 0 && in.remaining() >= 2 && (bad == 0xFE || bad == 0xFF) && (in.get(in.position() + 1) & 0xFF) == (bad ^ 0x01)) {
                return new NotUtf8Exception("not UTF-8 but UTF-16 (it starts with UTF-16's byte-order mark)");
            }
            return new NotUtf8Exception("not UTF-8: byte 0x%02X at offset %d (line %d) is not UTF-8 text".formatted(bad, offset, breaks + 1));
        }

        long lines() {
            return breaks + (last == '\n' || last == '\r' ? 0 : 1);
        }
    }
}
