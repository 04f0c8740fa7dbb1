package io.phyllome.host.core.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.phyllome.host.vm.VmException;

@Timeout(60)
class StateLocksTest {

    @TempDir
    Path dir;

    final List<String> notices = new CopyOnWriteArrayList<>();

    StateLocks locks(Duration patience) {
        return new StateLocks(dir, patience, notices::add);
    }

    /** Another process holds the lock (a Java source program, locking as the platform does) until it is killed. */
    @Test
    void anotherProcessesLockIsWaitedForNamedAndGivenUpOnThenTakenOnceItsProcessIsGone() throws Exception {
        Path holder = dir.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.*; import java.nio.channels.*; import java.nio.file.*;
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        c.lock();
                        c.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " creating VM 'vm1'\\n").getBytes()));
                        System.out.println("locked");
                        Thread.sleep(60_000);
                    }
                }
                """);
        Files.createDirectories(dir.resolve("locks"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
                dir.resolve("locks/vm-vm1.lock").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            StateLocks locks = new StateLocks(dir.resolve("locks"), Duration.ofSeconds(1), notices::add);

            VmException e = assertThrows(VmException.class, () -> locks.acquire("vm-vm1", "creating VM 'vm1'"));

            String holderName = "another phyllome process (pid " + process.pid() + ") creating VM 'vm1'";
            assertEquals(List.of("waiting for " + holderName + " ..."), notices);
            assertEquals("gave up after 1 s waiting for " + holderName + ": try again once it is done, or end it if it hangs", e.getMessage());
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            try (StateLocks.Held held = locks.acquire("vm-vm1", "creating VM 'vm1'")) {
                assertTrue(Files.readString(dir.resolve("locks/vm-vm1.lock")).startsWith(ProcessHandle.current().pid() + " creating VM 'vm1'"));
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void threadsOfOneProcessWaitForEachOtherAndAThreadMayTakeItsLockAgain() throws Exception {
        StateLocks locks = locks(Duration.ofSeconds(1));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (StateLocks.Held outer = locks.acquire("profiles", "installing profiles"); StateLocks.Held inner = locks.acquire("profiles", "installing profiles")) {
            Future<?> attempt = other.submit(() -> locks.acquire("profiles", "installing profiles"));
            Exception e = assertThrows(Exception.class, () -> attempt.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("gave up after 1 s waiting for another command of this platform installing profiles"),
                    e.getCause().getMessage());
        }
        other.submit(() -> locks.acquire("profiles", "installing profiles").close()).get(10, TimeUnit.SECONDS);
        other.shutdownNow();
        assertEquals(List.of("waiting for another command of this platform installing profiles ..."), notices);
    }

    @Test
    void distinctNamesDoNotWaitForEachOther() throws Exception {
        StateLocks locks = locks(Duration.ofSeconds(5));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (StateLocks.Held a = locks.acquire("vm-a", "creating VM 'a'")) {
            other.submit(() -> locks.acquire("vm-b", "creating VM 'b'").close()).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(List.of(), notices);
    }

    @Test
    void anUnwritableDirectoryIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        StateLocks locks = new StateLocks(file, Duration.ofSeconds(1), notices::add);

        VmException e = assertThrows(VmException.class, () -> locks.acquire("vm-a", "creating VM 'a'"));

        assertTrue(e.getMessage().startsWith("cannot lock " + file.resolve("vm-a.lock") + " for creating VM 'a'"), e.getMessage());
    }
}
