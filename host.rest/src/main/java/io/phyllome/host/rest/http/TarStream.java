package io.phyllome.host.rest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a directory as a POSIX tar stream (ustar; sizes of 8 GiB and more in base-256, as GNU tar
 * and libarchive read them), file by file from disk: a VM's disks are never held in memory.
 */
public final class TarStream {

    private static final int BLOCK = 512;

    private TarStream() {
    }

    public static void write(Path directory, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = directory.relativize(file).toString().replace('\\', '/');
            long size = Files.size(file);
            out.write(header(name, size, Files.getLastModifiedTime(file).toMillis() / 1000));
            try (InputStream in = Files.newInputStream(file)) {
                long copied = in.transferTo(out);
                if (copied != size) {
                    throw new IOException(name + " changed while it was sent");
                }
            }
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
        }
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    static byte[] header(String name, long size, long mtime) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("a file name longer than 100 bytes cannot go into the tar stream: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, 0600);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size < 077777777777L) {
            octal(h, 124, 12, size);
        } else { // base-256: the high bit of the first byte set, the size big-endian in the rest
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, mtime);
        h[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    /** {@code value} in octal, zero-padded, in {@code length - 1} digits and a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
        h[offset + length - 1] = 0;
    }
}
