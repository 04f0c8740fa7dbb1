package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * A VM's serial log followed to the browser as binary frames, as {@code tail -f} does: its last
 * 64 KiB first, then what the guest writes. Read-only: the profiles' serial port writes to a
 * file, so nothing typed reaches the guest; what the browser sends is dropped.
 */
final class SerialLogStream extends BrowserFeed {

    private static final long POLL_MILLIS = 250;

    private final Path log;
    private volatile boolean open = true;

    SerialLogStream(String vm, Path log, FeedThreads threads) {
        super(vm, threads);
        this.log = log;
    }

    @Override
    void feed() {
        byte[] buffer = new byte[CHUNK];
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = Math.max(0, file.length() - CHUNK);
            while (open) {
                if (file.length() < position) {
                    position = 0; // the log was truncated: the VM started again
                }
                file.seek(position);
                int n = file.read(buffer);
                if (n > 0) {
                    position += n;
                    send(buffer, n);
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            if (open) {
                close(CloseStatus.SERVER_ERROR, "cannot read the serial log of VM '" + vm + "': " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void release() {
        open = false;
    }
}
