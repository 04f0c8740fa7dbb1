package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.After;
import org.junit.Test;

/**
 * The service's control socket under load and abuse (issue 14): 16 clients at once — distinct
 * creations all succeed, of one name exactly one wins, the losers get the shell's one-line error
 * and exit status — then garbage, an oversized frame, a client that leaves mid-command and one
 * that is not root: each refused, the service serving on and nothing left behind. A passphrase
 * reaches a command both from a pipe and typed at the client's terminal (without echo).
 */
public class ServiceClientsE2EIT {

    private static final int CLIENTS = 16;

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final String prefix = TestGuest.uniqueName("it-cli");
    private Service service;

    @Test
    public void manyClientsAtOnceAndBadOnesLeaveTheServiceServing() throws Exception {
        service = new Service(state, "qemu:///embed?root=" + state.resolve("libvirt")).start();
        service.run("vm:list").ok(); // the platform is ready before the clients race

        List<String> distinct = IntStream.range(0, CLIENTS - 4).mapToObj(i -> prefix + "-" + i).toList();
        String contested = prefix + "-one";
        List<OneShot.Result> creations = inParallel(CLIENTS, i -> service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk",
                i < distinct.size() ? "none" : "64M", "linux", i < distinct.size() ? distinct.get(i) : contested));
        for (int i = 0; i < distinct.size(); i++) {
            assertEquals("creating " + distinct.get(i) + ": " + creations.get(i), 0, creations.get(i).exit());
        }
        List<OneShot.Result> contest = creations.subList(distinct.size(), CLIENTS);
        assertEquals("exactly one creation of " + contested + " wins: " + contest, 1, contest.stream().filter(r -> r.exit() == 0).count());
        for (OneShot.Result loser : contest.stream().filter(r -> r.exit() != 0).toList()) {
            assertEquals("a loser exits as in-process: " + loser, 1, loser.exit());
            // a loser may first say that it waits for the winner; then one line: the VM exists
            List<String> lines = loser.err().strip().lines().filter(l -> !l.startsWith("waiting for another")).toList();
            assertEquals("a loser's error is one line: " + loser, 1, lines.size());
            assertTrue("a loser's error says the VM exists: " + loser, lines.get(0).startsWith("error: a VM named '" + contested + "' already exists"));
        }
        creations.forEach(r -> assertFalse("no stack trace reaches a client: " + r, r.err().contains("\tat ") || r.err().contains("Exception")));
        assertTrue("the winner's disk is there", Files.isRegularFile(state.resolve("disks").resolve(contested + "-0.qcow2")));

        refusals();
        passphrases(contested);

        List<String> all = new ArrayList<>(distinct);
        all.add(contested);
        List<OneShot.Result> deletions = inParallel(all.size(), i -> service.run("vm:delete", "--with-disks", all.get(i)));
        deletions.forEach(OneShot.Result::ok);
        String list = service.run("vm:list").ok().out();
        assertFalse("every VM is gone: " + list, list.contains(prefix));
        assertEquals("no disk is left", List.of(), Host.tree(state.resolve("disks")).stream().filter(f -> f.endsWith(".qcow2")).toList());
    }

    /** Bad clients, each refused while the service goes on serving. */
    private void refusals() throws IOException {
        assertTrue("garbage is refused with the reason", exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .contains("use the phyllome client"));
        byte[] hello = { 'H', 0, 0, 0, 2, 1, 0 };
        ByteBuffer oversized = ByteBuffer.allocate(hello.length + 5).put(hello).put((byte) 'C').putInt(16 << 20);
        assertTrue("an oversized frame is refused", exchange(oversized.array()).contains("at most 65536"));
        // a client that sends a command and leaves at once
        try (SocketChannel gone = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.connect(UnixDomainSocketAddress.of(service.socket()));
            gone.write(ByteBuffer.wrap(hello));
            byte[] command = "vm:list".getBytes(StandardCharsets.UTF_8);
            gone.write(ByteBuffer.allocate(5 + command.length).put((byte) 'C').putInt(command.length).put(command).flip());
        }
        OneShot.Result notRoot = OneShot.exec(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dphyllome.control.socket=" + service.socket(), "-cp",
                Path.of(TestPlatform.required("phyllome.it.jar")).resolveSibling("phyllome-client.jar").toString(), "io.phyllome.host.client.Main",
                "vm:list"), state.resolveSibling(state.getFileName() + ".nobody"));
        assertEquals("a client that is not root is refused: " + notRoot, 1, notRoot.exit());
        assertTrue(notRoot.toString(), notRoot.err().contains("permission denied"));
        assertTrue("the service serves on: " + Host.read(service.log()), service.run("vm:list").ok().out().contains(prefix + "-0 "));
        assertTrue("the service logged the refusals: " + Host.read(service.log()), Host.read(service.log()).contains("refused a control client"));
    }

    /** A passphrase from a pipe, and typed at a terminal (script gives the client one), reaches vm:export. */
    private void passphrases(String vm) {
        Path piped = state.resolve("export-piped");
        service.runWith("a passphrase of the test\n", "vm:export", vm, piped.toString()).ok();
        assertTrue("the package is written", Files.isRegularFile(piped.resolve("MANIFEST.sha256")));

        Path typed = state.resolve("export-typed");
        String command = String.join(" ", "env", "PHYLLOME_STATE_DIR=" + state, "PHYLLOME_NO_BUILD=1", "PHYLLOME_LIBVIRT_URI=qemu:///embed?root=" + state.resolve("libvirt"),
                TestPlatform.required("phyllome.it.launcher"), "vm:export", vm, typed.toString());
        OneShot.Result atTerminal = OneShot.exec(List.of("script", "-qec", command, "/dev/null"), state.resolveSibling(state.getFileName() + ".tty"),
                "typed passphrase 1\ntyped passphrase 1\n").ok();
        assertTrue("the client's terminal was asked (twice, for a new passphrase): " + atTerminal,
                atTerminal.out().contains("passphrase for the package's keys again: "));
        // script types ahead, before the prompt turns echo off; after the prompt nothing is echoed
        String afterPrompt = atTerminal.out().substring(atTerminal.out().indexOf("passphrase for the package's keys: "));
        assertFalse("the passphrase is not echoed: " + atTerminal, afterPrompt.contains("typed passphrase 1"));
        assertTrue("the package is written", Files.isRegularFile(typed.resolve("MANIFEST.sha256")));
    }

    /** Sends raw bytes to the socket; what came back, as text. */
    private String exchange(byte[] bytes) throws IOException {
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(service.socket()));
            raw.write(ByteBuffer.wrap(bytes));
            ByteBuffer reply = ByteBuffer.allocate(4096);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (raw.read(reply) >= 0 && System.nanoTime() < deadline && reply.hasRemaining()) {
                // until the service closes the connection
            }
            return new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8);
        }
    }

    private static List<OneShot.Result> inParallel(int count, IntFunction<OneShot.Result> run) throws Exception {
        return AtOnce.run(IntStream.range(0, count).<Callable<OneShot.Result>>mapToObj(i -> () -> run.apply(i)).toList());
    }


    /** The service killed with its guests, its state directory removed. */
    @After
    public void cleanUp() {
        if (service != null) {
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString());
    }
}
