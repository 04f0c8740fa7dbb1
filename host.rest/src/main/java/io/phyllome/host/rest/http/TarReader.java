package io.phyllome.host.rest.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unpacks a tar stream (as {@link TarStream} writes it, or GNU tar: regular files and directories)
 * into a directory, file by file to disk, refusing names that leave it and more than
 * {@code limit} bytes in all.
 */
public final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    public static void extract(InputStream in, Path directory, long limit) throws IOException {
        long total = 0;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new ApiException(400, "the package is not a complete tar stream");
            }
            if (allZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = size(header);
            char type = (char) (header[156] == 0 ? '0' : header[156]);
            Path target = directory.resolve(name).normalize();
            if (!target.startsWith(directory) || name.startsWith("/")) {
                throw new ApiException(400, "the package holds a file outside its directory: " + name);
            }
            total += size;
            if (total > limit) {
                throw new ApiException(413, "the package is larger than the limit of " + limit + " bytes (maxUploadBytes)");
            }
            if (type == '5') {
                Files.createDirectories(target);
            } else if (type == '0') {
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
            } else {
                throw new ApiException(400, "the package holds " + name + ", which is not a regular file or a directory");
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the package ends inside a file");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long size = 0;
            for (int i = 125; i < 136; i++) {
                size = (size << 8) | (h[i] & 0xff);
            }
            return size;
        }
        String octal = text(h, 124, 12).trim();
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static String text(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
