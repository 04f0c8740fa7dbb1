package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.Test;

/**
 * Installed profiles as scripts see them, each command a fresh {@code ./phyllome} process: after
 * {@code profile:install}, every later one-shot {@code profile:list} shows the profile; a profile
 * found faulty stays FAULTY (with the reason and its bundle's version) in later processes, and
 * {@code vm:create} with it fails at once instead of running it again; a one-shot
 * {@code profile:update} replaces the bundle and starts it. About 60–90 s here.
 */
public class OneShotProfilesE2EIT {

    private static final int LISTS = 10;

    private final Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(OneShotProfilesE2EIT.class.getSimpleName());
    private final Path state = work.resolve("state-" + TestGuest.random(4));
    private final String vm = TestGuest.uniqueName("it-osp");

    @Test
    public void installedProfilesAndTheirFaultsAreSeenByEveryLaterProcess() {
        TestPlatform.createSearchable(state);
        Path index = ProfileBundles.repository(work.resolve("vendor-repository")).resolve("index-1.0.xml");
        OneShot platform = new OneShot(state, Host.SYSTEM).with("-Dphyllome.profile.repositories=" + index.toUri());
        try {
            OneShot.Result installed = platform.run("profile:install", "acme-os");
            assertEquals(installed.toString(), 0, installed.exit());
            for (int i = 0; i < LISTS; i++) {
                OneShot.Result list = platform.run("profile:list");
                assertTrue("run " + (i + 1) + " of " + LISTS + ": " + list, list.exit() == 0 && list.out().contains("acme-os "));
            }
            OneShot.Result show = platform.run("profile:show", "acme-os");
            assertTrue(show.toString(), show.exit() == 0 && show.out().contains("ACME OS 1.0.0"));

            assertEquals(0, platform.run("profile:install", "broken").exit());
            OneShot.Result first = platform.run("vm:create", "--disk", "64M", "--memory", "256M", "--cpus", "1", "broken", vm);
            assertTrue(first.toString(), first.exit() != 0 && (first.out() + first.err()).contains("failed to choose devices"));

            OneShot.Result list = platform.run("profile:list");
            assertTrue(list.toString(), list.out().lines().anyMatch(l -> l.startsWith("broken ") && l.contains("FAULTY")
                    && l.contains("the vendor's bug") && l.contains(ProfileBundles.BROKEN + " 1.0.0")));
            assertTrue(list.toString(), list.out().lines().anyMatch(l -> l.startsWith("acme-os ") && !l.contains("FAULTY")));
            show = platform.run("profile:show", "broken");
            assertTrue(show.toString(), show.out().contains("FAULTY:") && show.out().contains("the vendor's bug"));

            OneShot.Result again = platform.run("vm:create", "--disk", "64M", "--memory", "256M", "--cpus", "1", "broken", vm);
            assertTrue(again.toString(), again.exit() != 0 && (again.out() + again.err()).contains("profile 'broken' is faulty"));
            assertFalse(Host.systemDomains().contains(vm));

            // the vendor publishes 1.1.0 (and a 2.0.0 for an API this platform lacks): a one-shot update takes 1.1.0
            OneShot later = new OneShot(state, Host.SYSTEM).with("-Dphyllome.profile.repositories=" + index.resolveSibling("index.xml").toUri());
            OneShot.Result updated = later.run("profile:update", "acme-os");
            assertTrue(updated.toString(), updated.exit() == 0 && updated.out().contains("1.0.0 -> 1.1.0"));
            show = later.run("profile:show", "acme-os");
            assertTrue(show.toString(), show.exit() == 0 && show.out().contains("ACME OS 1.1.0"));
        } finally {
            Host.removeLeftovers(vm, state.resolve("disks"));
        }
    }
}
