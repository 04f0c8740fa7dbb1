package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.Test;

/**
 * A data profile as scripts see it, each command a fresh {@code ./phyllome} process: installed
 * once, every later process lists and shows it, healthy and quietly (no stray warnings on stderr,
 * such as the embedded validator's logging or a profile taken for its own duplicate); a malformed
 * profile.json is refused with the schema's message; a VM is created from it on the system daemon.
 */
public class DataProfileOneShotE2EIT {

    private static final int LISTS = 5;

    private final Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(DataProfileOneShotE2EIT.class.getSimpleName());
    private final Path state = work.resolve("state-" + TestGuest.random(4));
    private final String vm = TestGuest.uniqueName("data-os");

    @Test
    public void aDataProfileIsSeenByEveryLaterProcess() {
        TestPlatform.createSearchable(state);
        Path index = DataProfileBundles.repository(work.resolve("data-profile-repository")).resolve("index.xml");
        OneShot platform = new OneShot(state, Host.SYSTEM).with("-Dphyllome.profile.repositories=" + index.toUri());
        try {
            OneShot.Result installed = platform.run("profile:install", "freebsd-data");
            assertEquals(installed.toString(), 0, installed.exit());
            assertQuiet(installed);
            for (int i = 0; i < LISTS; i++) {
                OneShot.Result list = platform.run("profile:list");
                assertTrue("run " + (i + 1) + " of " + LISTS + ": " + list, list.exit() == 0 && list.out().contains("freebsd-data ")
                        && !list.out().contains("FAULTY"));
                assertQuiet(list);
            }
            OneShot.Result show = platform.run("profile:show", "freebsd-data");
            assertTrue(show.toString(), show.exit() == 0 && show.out().contains("FreeBSD 14 (data profile)") && show.out().contains("console="));

            OneShot.Result refused = platform.run("profile:install", "malformed-data");
            assertTrue(refused.toString(), refused.exit() != 0 && (refused.out() + refused.err()).contains("/: required property 'name' not found"));
            assertFalse(platform.run("profile:list").out().contains("malformed-data"));

            OneShot.Result created = platform.run("vm:create", "--disk", "4G", "--memory", "512M", "--cpus", "1", "freebsd-data", vm);
            assertEquals(created.toString(), 0, created.exit()); // the profile's minimum disk is 4G (a smaller one is refused)
            assertTrue(Host.systemDomains().contains(vm));
            OneShot.Result info = platform.run("vm:info", vm);
            assertTrue(info.toString(), info.out().contains("freebsd-data"));
        } finally {
            Host.removeLeftovers(vm, state.resolve("disks"));
        }
    }

    private static void assertQuiet(OneShot.Result result) {
        assertFalse(result.toString(), result.err().contains("SLF4J") || result.err().contains("is faulty"));
    }
}
