package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;

import io.phyllome.host.client.protocol.Candidate;
import io.phyllome.host.client.protocol.Frame;
import io.phyllome.host.client.protocol.FrameChannel;

/**
 * The interactive {@code ./phyllome} attached to the service, in a real pseudo-terminal (issue 14):
 * it greets as Phyllome Host, Tab completes command names, options and VM names from the service,
 * a passphrase prompt is answered at JLine's terminal without echo, Ctrl-C drops a line, and a
 * second session recalls the first one's commands with the Up arrow from the history file. Then the
 * completion frames on the socket: answered for a client that asked for completion, refused for one
 * that did not, the service serving on.
 */
public class InteractiveClientE2EIT {

    private static final String PROMPT = "phyllome> ";
    /** The Up arrow as an xterm in keypad mode sends it (JLine turns that mode on). */
    private static final String UP = "\u001bOA";

    private final Path state = Path.of("/tmp", "phy-" + TestGuest.random(3));
    private final Path xdgState = state.resolveSibling(state.getFileName() + ".xdg");
    private final String vm = TestGuest.uniqueName("it-tab");
    private Service service;

    @Test
    public void tabCompletesFromTheServiceAndHistoryOutlivesTheSession() throws Exception {
        service = new Service(state, "qemu:///embed?root=" + state.resolve("libvirt")).start();
        OneShot.Result created = service.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "64M", "linux", vm);
        assertEquals(created.toString(), 0, created.exit());
        Map<String, String> environment = Map.of("XDG_STATE_HOME", xdgState.toString(), "TERM", "xterm");

        String secret = "typed at jline " + TestGuest.random(4);
        try (Pty first = service.interactive(environment)) {
            String greeting = first.await(PROMPT);
            assertTrue("greets as Phyllome Host: " + greeting, greeting.contains("Phyllome Host "));
            assertFalse(greeting, greeting.contains("Apache Felix Gogo"));

            // vm:li is vm:lint or vm:list; one more letter decides, and Tab completes the rest
            first.type("vm:lis\t");
            first.await("t ");
            first.type("\r");
            assertTrue("vm:lis<Tab> ran vm:list: " + first.shown(), first.await(PROMPT).contains(vm + " "));

            first.type("vm:create --me\t");
            first.await("mory ");
            first.type("\u0003"); // Ctrl-C: the line is dropped, not run
            first.await(PROMPT);

            Path exported = state.resolve("exported");
            first.type("vm:export " + vm + " " + exported + "\r");
            first.await("passphrase for the package's keys: ");
            first.type(secret + "\r");
            first.await("passphrase for the package's keys again: ");
            first.type(secret + "\r");
            String export = first.await(PROMPT);
            assertTrue("the export ran with the passphrase typed: " + first.shown(), export.contains("exported " + vm));
            assertTrue(Files.isRegularFile(exported.resolve("MANIFEST.sha256")));

            // one VM on this host: Tab completes its name
            first.type("vm:info \t");
            first.await(vm + " ");
            first.type("\r");
            String info = first.await(PROMPT);
            assertTrue("vm:info <Tab> ran for the VM: " + first.shown(), info.contains("name:") && info.contains(vm));

            first.type("exit\r");
            assertEquals(first.shown(), 0, first.waitFor());
            assertFalse("the passphrase is never shown: " + first.shown(), first.shown().contains(secret));
        }

        Path history = xdgState.resolve("phyllome").resolve("history");
        String kept = Files.readString(history);
        assertTrue("the history file holds the commands: " + kept, kept.contains("vm:info " + vm) && kept.contains("vm:list"));
        assertFalse("no passphrase in the history: " + kept, kept.contains(secret));
        assertFalse("a line dropped with Ctrl-C is not kept: " + kept, kept.contains("--memory"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));

        try (Pty second = service.interactive(environment)) {
            second.await(PROMPT);
            second.type(UP); // exit
            second.type(UP); // vm:info VM
            second.type("\r");
            String recalled = second.await(PROMPT);
            assertTrue("Up recalled the first session's vm:info: " + second.shown(), recalled.contains("name:") && recalled.contains(vm));
            second.type("\u0004"); // Ctrl-D leaves too
            assertEquals(second.shown(), 0, second.waitFor());
        }
        completionFrames();
    }

    /** The completion frames on the socket itself: answered for a client that asked in its hello, refused for one that did not. */
    private void completionFrames() throws IOException {
        try (FrameChannel frames = connect(Frame.COMPLETION)) {
            Frame hello = frames.read().orElseThrow();
            assertTrue("the service offers completion: " + hello.text(), hello.offersCompletion());
            frames.write(Frame.complete("vm:start " + vm.substring(0, 4) + " --x", 9 + 4));
            assertEquals(List.of(new Candidate(vm, "shut-off")), Candidate.of(frames.read().orElseThrow()));
            frames.write(Frame.complete("profile:show li", 15));
            assertTrue(Candidate.of(frames.read().orElseThrow()).stream().anyMatch(c -> c.value().equals("linux")));
            frames.write(Frame.command(List.of("vm:list"))); // commands go on as before
            assertTrue(frames.read().orElseThrow().text().contains(vm));
        }
        try (FrameChannel frames = connect(0)) {
            assertFalse("an old client's greeting is plain", frames.read().orElseThrow().text().contains("\0"));
            frames.write(Frame.complete("vm:", 3));
            Frame refusal = frames.read().orElseThrow();
            assertTrue(refusal.text(), refusal.type() == Frame.Type.ERR && refusal.text().contains("did not ask for completion"));
        }
        assertEquals("the service serves on", 0, service.run("vm:list").exit());
    }

    private FrameChannel connect(int flags) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(service.socket()));
        FrameChannel frames = new FrameChannel(channel);
        frames.write(Frame.hello(flags));
        return frames;
    }

    @After
    public void cleanUp() {
        if (service != null) {
            service.run("vm:delete", "--with-disks", vm);
            service.close();
        }
        Host.quietly("rm", "-rf", state.toString(), xdgState.toString());
    }
}
