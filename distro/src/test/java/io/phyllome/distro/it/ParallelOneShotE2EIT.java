package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.junit.After;
import org.junit.Test;

/**
 * Many one-shot commands at once on one state directory, as scripts run them, against the system
 * libvirtd: 16 processes start together — 10 creations of distinct VMs, 4 of one name, and
 * {@code help} and {@code profile:list} beside them. Every distinct VM is made; of one name
 * exactly one wins, the others exit 1 with the one-line error and leave the winner's disk alone;
 * no process prints a stack trace. About 60–100 s here (2 cores, shared with other builds).
 */
public class ParallelOneShotE2EIT {

    private static final int DISTINCT = 10;
    private static final int SAME = 4;
    private static final List<String> CREATE = List.of("vm:create", "--disk", "64M", "--memory", "256M", "--cpus", "1", "linux");

    private final Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(ParallelOneShotE2EIT.class.getSimpleName());
    private final Path state = work.resolve("state-" + TestGuest.random(4));
    private final String prefix = TestGuest.uniqueName("it-par");
    private final List<String> distinct = IntStream.range(0, DISTINCT).mapToObj(i -> prefix + "-" + i).toList();
    private final String same = prefix + "-same";

    @Test
    public void distinctCreationsAllSucceedOfOneNameExactlyOneAndNoProcessPrintsAStackTrace() throws Exception {
        TestPlatform.createSearchable(state);
        OneShot platform = new OneShot(state, Host.SYSTEM);
        List<List<String>> commands = new ArrayList<>();
        distinct.forEach(name -> commands.add(create(name)));
        IntStream.range(0, SAME).forEach(i -> commands.add(create(same)));
        commands.add(List.of("help"));
        commands.add(List.of("profile:list"));

        List<OneShot.Result> results = runAtOnce(platform, commands);

        for (int i = 0; i < commands.size(); i++) {
            OneShot.Result result = results.get(i);
            String command = String.join(" ", commands.get(i));
            assertFalse(command + " printed a stack trace: " + result, result.err().contains("Exception") || result.err().contains("\tat ")
                    || result.out().contains("\tat "));
        }
        for (int i = 0; i < DISTINCT; i++) {
            assertEquals(results.get(i).toString(), 0, results.get(i).exit());
            assertTrue(results.get(i).toString(), results.get(i).out().startsWith("created " + distinct.get(i) + " (256M, 1 CPUs"));
        }
        List<OneShot.Result> sameResults = results.subList(DISTINCT, DISTINCT + SAME);
        assertEquals("exactly one creation of " + same + " wins: " + sameResults, 1, sameResults.stream().filter(r -> r.exit() == 0).count());
        for (OneShot.Result loser : sameResults.stream().filter(r -> r.exit() != 0).toList()) {
            assertEquals(loser.toString(), 1, loser.exit());
            List<String> errors = loser.err().lines().filter(l -> !l.startsWith("waiting for another phyllome process")).toList();
            assertEquals("one line of error: " + loser, List.of("error: a VM named '" + same + "' already exists: choose another name, or delete it with vm:delete "
                    + same), errors);
        }
        OneShot.Result help = results.get(DISTINCT + SAME);
        assertEquals(help.toString(), 0, help.exit());
        assertTrue("help lists vm:import: " + help, help.out().lines().anyMatch(l -> l.strip().equals("vm:import")));
        assertFalse("help lists no method names: " + help, help.out().contains("_import"));
        OneShot.Result profiles = results.get(DISTINCT + SAME + 1);
        assertEquals(profiles.toString(), 0, profiles.exit());
        assertTrue(profiles.toString(), profiles.out().lines().anyMatch(l -> l.startsWith("linux ")));

        List<String> domains = Host.systemDomains();
        Path disks = state.resolve("disks");
        List<String> made = new ArrayList<>(distinct);
        made.add(same);
        for (String name : made) {
            Path disk = disks.resolve(name + "-0.qcow2");
            assertTrue(name + " is defined: " + domains, domains.contains(name));
            assertTrue("the disk of " + name + " is there with its key: " + Host.tree(disks), Files.isRegularFile(disk) && Host.systemSecretFor(disk));
        }
        assertEquals("one disk per VM, no creation record left: " + Host.tree(disks), made.stream().map(n -> n + "-0.qcow2").sorted().toList(),
                Host.tree(disks));
    }

    private static List<String> create(String name) {
        List<String> command = new ArrayList<>(CREATE);
        command.add(name);
        return command;
    }

    /** Starts every command in its own process at the same moment; their results in order. */
    private static List<OneShot.Result> runAtOnce(OneShot platform, List<List<String>> commands) throws InterruptedException, ExecutionException {
        return AtOnce.run(commands.stream().<Callable<OneShot.Result>>map(c -> () -> platform.run(c.toArray(String[]::new))).toList());
    }

    /** Removes every VM, disk and key the test may have made, even when it failed; the state directory even when libvirtd is away. */
    @After
    public void cleanUp() {
        Path disks = state.resolve("disks");
        List<String> names = new ArrayList<>(distinct);
        names.add(same);
        try {
            for (String name : names) {
                Host.removeLeftovers(name, disks);
            }
        } finally {
            Host.quietly("rm", "-rf", state.toString());
        }
    }
}
