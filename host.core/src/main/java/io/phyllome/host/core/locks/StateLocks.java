package io.phyllome.host.core.locks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.phyllome.host.vm.VmException;

/**
 * Named locks in {@code STATE/locks} for what only one platform process may do at a time on a
 * state directory (creating a VM of one name, repairing after a crash, installing profiles):
 * any number of {@code ./phyllome} processes, and the threads of each, may run at once.
 *
 * <p>A lock is a {@link FileLock} on {@code STATE/locks/NAME.lock}, which the kernel releases when
 * its process ends, however it ends; the file holds the holder's process id and activity, for the
 * message of those who wait. Java refuses a second lock of one file in one process, so threads of
 * the same process queue on a {@link ReentrantLock} per file first. The files stay: removing a
 * lock file would let two processes lock two different files of one name.
 */
public final class StateLocks {

    /** How long to wait for another process before giving up, unless told otherwise. */
    public static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long POLL_MILLIS = 100;
    /** One per lock file in this process, whichever component asks. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Duration patience;
    private final Consumer<String> waiting;

    /**
     * @param waiting told once, in a line a user can read, when a lock is taken and must be waited for
     */
    public StateLocks(Path directory, Duration patience, Consumer<String> waiting) {
        this.directory = directory.toAbsolutePath().normalize();
        this.patience = patience;
        this.waiting = waiting;
    }

    /**
     * The locks of the state directory {@code state}; a wait is announced on standard error (in the
     * shell, the command's own error stream).
     */
    public static StateLocks in(Path state) {
        return new StateLocks(state.resolve("locks"), PATIENCE, line -> System.err.println(line));
    }

    /** A lock held until it is closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock {@code name}, waiting for its holder at most the patience given.
     *
     * @param name     letters, digits, '.', '_' and '-' (others become '_')
     * @param activity what the holder does, for those who wait: e.g. "creating VM 'web1'"
     * @throws VmException naming the holder when it does not let go in time
     */
    public Held acquire(String name, String activity) {
        Path file = directory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        long deadline = System.nanoTime() + patience.toNanos();
        boolean announced = false;
        try {
            if (!local.tryLock()) {
                waiting.accept("waiting for another command of this platform " + activity + " ...");
                announced = true;
                if (!local.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw gaveUp("another command of this platform", activity);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while waiting to start " + activity, e);
        }
        if (local.getHoldCount() > 1) {
            return local::unlock; // this thread holds the file lock already
        }
        try {
            return holdFile(file, activity, deadline, announced, local);
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private Held holdFile(Path file, String activity, long deadline, boolean announced, ReentrantLock local) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (!announced) {
                    waiting.accept("waiting for another phyllome process" + holder(channel) + " " + activity + " ...");
                    announced = true;
                }
                if (System.nanoTime() > deadline) {
                    throw gaveUp("another phyllome process" + holder(channel), activity);
                }
                Thread.sleep(POLL_MILLIS);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + activity + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            FileChannel held = channel;
            FileLock taken = lock;
            return () -> {
                try (held) {
                    taken.release();
                } catch (IOException e) {
                    // closing the channel releases the lock all the same
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException e) {
            closeQuietly(channel);
            throw new VmException("cannot lock " + file + " for " + activity + ": " + e.getMessage()
                    + " (the state directory must be writable)", e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while waiting to start " + activity, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private VmException gaveUp(String holder, String activity) {
        return new VmException("gave up after " + patience.toSeconds() + " s waiting for " + holder + " " + activity
                + ": try again once it is done, or end it if it hangs");
    }

    /** " (pid N)" as the lock file says, or nothing when it says nothing yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0); // through the channel: closing another descriptor of the file would drop this process's locks
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        String pid = text.split("[ \n]", 2)[0];
        return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }
}
