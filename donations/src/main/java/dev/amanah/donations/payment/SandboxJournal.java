package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The sandbox provider's own durable memory: an append-only text file, one settled outcome per
 * line, separate from the service's database (the sandbox stands for another company's system).
 *
 * <p>Line format: {@code <crc32 hex> <fields...>\n}, fields URL-encoded and separated by single
 * spaces: {@code seq key C amount currency token donor | R chargeId amount currency |
 * P recipient amount currency}, then {@code OK} or {@code NO reason detail}. The CRC covers the
 * fields. A last line that is incomplete or fails its CRC is a write cut short by a crash, never
 * answered to anyone: it is cut off on open. A bad line before the last is corruption, and the
 * journal refuses to open.
 *
 * <p>Writers are serialised by a lock around the write; the fsync (when on) runs outside it, so
 * concurrent writers share the disk's flushes. The file is locked against a second opener (another
 * JVM on the same file); the lock goes with the process, so a restart after {@code kill -9} opens it.
 */
final class SandboxJournal implements AutoCloseable {

    /**
     * One settled operation.
     *
     * @param seq     its sequence number, unique in the journal; provider ids derive from it
     * @param key     the idempotency key
     * @param request what was asked
     * @param outcome what the provider answered
     */
    record Entry(long seq, String key, GatewayRequest request, Settled outcome) {
    }

    private final FileChannel channel;
    private final FileLock fileLock;
    private final boolean fsync;
    private final ReentrantLock writing = new ReentrantLock();

    private SandboxJournal(FileChannel channel, FileLock fileLock, boolean fsync) {
        this.channel = channel;
        this.fileLock = fileLock;
        this.fsync = fsync;
    }

    /**
     * Opens (creating it if absent) the journal at {@code path}, cuts off a torn last line, and
     * hands every entry to {@code replay} in file order.
     *
     * @throws IllegalStateException {@code sandbox_journal_locked} or {@code sandbox_journal_corrupt}
     */
    static SandboxJournal open(Path path, boolean fsync, java.util.function.Consumer<Entry> replay) {
        try {
            var parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            var channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
                lock = null;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("sandbox_journal_locked: " + path + " is already open (in this or another process)");
            }
            try {
                long good = replayAll(path, readAll(channel), replay);
                channel.truncate(good);
                channel.position(good);
                channel.force(true);
            } catch (RuntimeException | IOException e) {
                lock.release();
                channel.close();
                throw e;
            }
            return new SandboxJournal(channel, lock, fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox journal " + path, e);
        }
    }

    /**
     * The whole file, read through the channel that holds its lock: the lock is a POSIX record
     * lock, which the kernel releases when the process closes ANY descriptor of the file, so
     * reading it through a descriptor of its own (Files.readAllBytes) let a second JVM in.
     */
    private static byte[] readAll(FileChannel channel) throws IOException {
        var size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("a journal of " + size + " bytes is too large to replay");
        }
        var buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Reads the entries of a journal that is not open (an audit after the service died). */
    static List<Entry> read(Path path) {
        try {
            var entries = new ArrayList<Entry>();
            replayAll(path, Files.readAllBytes(path), entries::add);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox journal " + path, e);
        }
    }

    /** Appends {@code entry}; returns once it is written (and forced, if fsync is on). */
    void append(Entry entry) {
        var bytes = (line(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        var buffer = ByteBuffer.wrap(bytes);
        try {
            writing.lock();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } finally {
                writing.unlock();
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox journal append", e);
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox journal close", e);
        }
    }

    // ---- format ----

    private static long replayAll(Path path, byte[] content, java.util.function.Consumer<Entry> replay) {
        long offset = 0;
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            lineNumber++;
            if (end < 0) {
                return offset;  // torn: the crash came before the newline
            }
            var text = new String(content, start, end - start, StandardCharsets.UTF_8);
            var entry = parse(text);
            if (entry == null) {
                if (end + 1 == content.length) {
                    return offset;  // torn last line
                }
                throw new IllegalStateException("sandbox_journal_corrupt: " + path + " line " + lineNumber);
            }
            replay.accept(entry);
            start = end + 1;
            offset = start;
        }
        return offset;
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String line(Entry entry) {
        var fields = new ArrayList<String>();
        fields.add(Long.toString(entry.seq()));
        fields.add(entry.key());
        switch (entry.request()) {
            case ChargeRequest c -> fields.addAll(List.of("C", c.amount().amount().toPlainString(),
                    c.amount().currency().getCurrencyCode(), c.paymentToken(), c.donorRef()));
            case RefundRequest r -> fields.addAll(List.of("R", r.chargeId(), r.amount().amount().toPlainString(),
                    r.amount().currency().getCurrencyCode()));
            case PayoutRequest p -> fields.addAll(List.of("P", p.recipientRef(), p.amount().amount().toPlainString(),
                    p.amount().currency().getCurrencyCode()));
        }
        if (entry.outcome() instanceof Declined(var reason, var detail)) {
            fields.addAll(List.of("NO", reason.name(), detail));
        } else {
            fields.add("OK");
        }
        var payload = new StringBuilder();
        for (var field : fields) {
            if (!payload.isEmpty()) {
                payload.append(' ');
            }
            payload.append(encode(field));
        }
        return crc(payload.toString()) + " " + payload;
    }

    /** {@link URLEncoder}'s form of {@code field}, without its cost for a field it leaves as it is. */
    private static String encode(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean unchanged = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '*';
            if (!unchanged) {
                return URLEncoder.encode(field, StandardCharsets.UTF_8);
            }
        }
        return field;
    }

    /** The entry on {@code line}, or null if the line is damaged. */
    static Entry parse(String line) {
        int space = line.indexOf(' ');
        if (space < 0 || !line.substring(0, space).equals(crc(line.substring(space + 1)))) {
            return null;
        }
        var f = Arrays.stream(line.substring(space + 1).split(" "))
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        try {
            long seq = Long.parseLong(f.get(0));
            var key = f.get(1);
            GatewayRequest request;
            int next;
            switch (f.get(2)) {
                case "C" -> {
                    request = new ChargeRequest(key, Money.of(f.get(3), f.get(4)), f.get(5), f.get(6));
                    next = 7;
                }
                case "R" -> {
                    request = new RefundRequest(key, f.get(3), Money.of(f.get(4), f.get(5)));
                    next = 6;
                }
                case "P" -> {
                    request = new PayoutRequest(key, f.get(3), Money.of(f.get(4), f.get(5)));
                    next = 6;
                }
                default -> {
                    return null;
                }
            }
            Settled outcome = f.get(next).equals("NO")
                    ? new Declined(DeclineReason.valueOf(f.get(next + 1)), f.get(next + 2))
                    : success(seq, request);
            return new Entry(seq, key, request, outcome);
        } catch (RuntimeException e) {
            return null;  // a CRC collision on garbage: treat as damaged
        }
    }

    /** The success outcome of {@code request} settled as entry {@code seq}. */
    static Settled success(long seq, GatewayRequest request) {
        return switch (request) {
            case ChargeRequest c -> new Charged("ch_" + seq, c.amount());
            case RefundRequest r -> new Refunded("re_" + seq, r.chargeId(), r.amount());
            case PayoutRequest p -> new PaidOut("po_" + seq, p.recipientRef(), p.amount());
        };
    }

    private static String crc(String payload) {
        var crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
