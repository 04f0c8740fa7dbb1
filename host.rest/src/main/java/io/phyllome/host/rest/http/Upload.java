package io.phyllome.host.rest.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import jakarta.servlet.http.HttpServletRequest;

/** A request body streamed to a file, never held in memory, and refused (413) past {@code limit} bytes. */
public final class Upload {

    private Upload() {
    }

    /** Copies the body to {@code target}, telling {@code received} the bytes so far; on any failure the file is removed. */
    public static long toFile(HttpServletRequest request, Path target, long limit, LongConsumer received) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ApiException(413, "the upload of " + declared + " bytes is larger than the limit of " + limit + " bytes (maxUploadBytes)");
        }
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        boolean done = false;
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                total += n;
                if (total > limit) {
                    throw new ApiException(413, "the upload is larger than the limit of " + limit + " bytes (maxUploadBytes)");
                }
                out.write(buffer, 0, n);
                received.accept(total);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        if (total == 0) {
            Files.deleteIfExists(target);
            throw new ApiException(400, "the upload is empty: send the file as the request's body");
        }
        return total;
    }
}
