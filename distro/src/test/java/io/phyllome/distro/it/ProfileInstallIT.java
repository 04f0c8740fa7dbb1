package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSpec;

/**
 * The third-party profile story: vendor profile bundles (built by bnd in this module's test phase,
 * never shipped) are installed from a repository index at run time, used to create a VM, updated
 * to a new version and uninstalled, each step visible in profile:list; a faulty profile is reported
 * and does not affect others. VMs are defined on the system libvirtd but never started.
 */
public class ProfileInstallIT extends FrameworkTest {

    private static final String VM = "phyllome-it-acme";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Override
    @Configuration
    public Option[] config() {
        Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath();
        Option[] options = TestPlatform.options(ProfileInstallIT.class);
        Path vendor = ProfileBundles.repository(work.resolve("vendor-repository"));
        String repositories = vendor.resolve("index-1.0.xml").toUri() + "," + Path.of(TestPlatform.required("phyllome.it.profile.repository")).toUri();
        Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = frameworkProperty("phyllome.profile.repositories").value(repositories);
        return all;
    }

    @Test
    public void installCreateUpdateUninstall() throws Exception {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        Path installed = Path.of(osgi.property(TestPlatform.STATE_DIR)).resolve("profiles").resolve(ProfileBundles.ACME + ".jar");
        Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", "--nvram", VM);
        Path vendorDir = Path.of(osgi.property(TestPlatform.STATE_DIR)).getParent().getParent().resolve("vendor-repository");
        try {
            String available = osgi.gogo("profile:available");
            assertTrue(available, available.lines().anyMatch(l -> l.matches("acme-os\\s+linux\\s+" + ProfileBundles.ACME + "\\s+1\\.0\\.0")));
            assertTrue("the distro's own index is read too:\n" + available, available.lines().anyMatch(l -> l.startsWith("windows-11 ")));
            assertFalse(profileList(osgi), profileList(osgi).contains("acme-os"));

            // install: from the index, into the state directory
            String out = osgi.gogo("profile:install acme-os");
            assertTrue(out, out.contains("installed profile 'acme-os': " + ProfileBundles.ACME + " 1.0.0"));
            awaitListed(osgi, "ACME OS 1.0.0");
            assertTrue("installed into the state directory: " + installed, Files.isRegularFile(installed));
            available = osgi.gogo("profile:available");
            assertTrue(available, available.lines().anyMatch(l -> l.matches("acme-os\\s+linux\\s+" + ProfileBundles.ACME + "\\s+1\\.0\\.0\\s+installed")));

            // a VM from it
            VmInfo vm = platform.vms().create(VmSpec.builder("acme-os", VM).build());
            assertEquals("acme-os", vm.profile());
            assertTrue(platform.vms().info(VM).profileInstalled());

            // the installed bundle comes back when the platform starts with a fresh framework cache
            bundle(ProfileBundles.ACME).orElseThrow().uninstall();
            Osgi.await(WAIT, () -> !profileList(osgi).contains("acme-os"), () -> "acme-os still listed");
            Bundle core = bundle("io.phyllome.host.core").orElseThrow();
            core.stop();
            core.start();
            awaitListed(osgi, "ACME OS 1.0.0");
            platform = osgi.connectTo(Host.SYSTEM);

            // the vendor publishes 1.1.0: update
            configureRepositories(osgi, vendorDir.resolve("index.xml").toUri().toString());
            Osgi.await(WAIT, () -> gogo(osgi, "profile:available").contains("update available"), () -> gogo(osgi, "profile:available"));
            out = osgi.gogo("profile:update acme-os");
            assertTrue(out, out.contains("updated profile 'acme-os': " + ProfileBundles.ACME + " 1.0.0 -> 1.1.0"));
            awaitListed(osgi, "ACME OS 1.1.0");
            assertFalse(profileList(osgi), profileList(osgi).contains("ACME OS 1.0.0"));
            assertTrue(osgi.gogo("profile:update acme-os"), osgi.gogo("profile:update acme-os").contains("up to date"));
            assertEquals("the VM's profile is the updated one", "acme-os", platform.vms().info(VM).profile());
            assertTrue(platform.vms().info(VM).profileInstalled());

            // uninstall: gone from profile:list and the state directory; the VM stays and says so
            out = osgi.gogo("profile:uninstall acme-os");
            assertTrue(out, out.contains("uninstalled profile 'acme-os'"));
            Osgi.await(WAIT, () -> !profileList(osgi).contains("acme-os"), () -> profileList(osgi));
            assertFalse(Files.exists(installed));
            assertFalse(bundle(ProfileBundles.ACME).isPresent());
            VmInfo orphan = platform.vms().info(VM);
            assertFalse(orphan.profileInstalled());
            assertTrue(orphan.findings().toString(), orphan.findings().stream().anyMatch(f -> f.contains("'acme-os' is not installed")));
            assertTrue(osgi.gogo("vm:list"), osgi.gogo("vm:list").lines().anyMatch(l -> l.startsWith(VM + " ")));
        } finally {
            Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", "--nvram", VM);
        }
    }

    @Test
    public void aFaultyProfileIsReportedAndOthersStillWork() throws Exception {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        String vm = "phyllome-it-after-broken";
        Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", "--nvram", vm);
        try {
            assertTrue(osgi.gogo("profile:install broken"), osgi.gogo("profile:list").contains("broken"));
            VmException e = assertThrows(VmException.class, () -> platform.vms().create(VmSpec.builder("broken", "phyllome-it-broken").build()));
            assertTrue(e.getMessage(), e.getMessage().contains("profile 'broken' failed to choose devices"));
            assertFalse(Host.systemDomains().contains("phyllome-it-broken"));
            String list = osgi.gogo("profile:list");
            assertTrue(list, list.lines().anyMatch(l -> l.startsWith("broken ") && l.contains("FAULTY") && l.contains("the vendor's bug")));
            assertTrue(list, list.lines().anyMatch(l -> l.startsWith("linux ") && !l.contains("FAULTY")));

            VmInfo info = platform.vms().create(VmSpec.builder("linux", vm).build());
            assertEquals("linux", info.profile());
        } finally {
            Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", "--nvram", vm);
            try {
                osgi.gogo("profile:uninstall broken");
            } catch (Exception ignored) {
                // not installed
            }
        }
    }

    @Test
    public void theNewestVersionThatRunsHereIsChosenAndTheAdviceFits() throws Exception {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        Path vendorDir = Path.of(osgi.property(TestPlatform.STATE_DIR)).getParent().getParent().resolve("vendor-repository");
        try {
            configureRepositories(osgi, vendorDir.resolve("index.xml").toUri().toString());
            Osgi.await(WAIT, () -> gogo(osgi, "profile:available").contains("2.0.0"), () -> gogo(osgi, "profile:available"));

            // 2.0.0 is built for an API this platform lacks: 1.1.0 is installed, and 2.0.0 is no update
            String out = osgi.gogo("profile:install acme-os");
            assertTrue(out, out.contains("installed profile 'acme-os': " + ProfileBundles.ACME + " 1.1.0 (2.0.0 cannot run on this platform)"));
            awaitListed(osgi, "ACME OS 1.1.0");
            String available = osgi.gogo("profile:available");
            assertTrue(available, available.lines().anyMatch(l -> l.matches("acme-os\\s+linux\\s+" + ProfileBundles.ACME + "\\s+2\\.0\\.0\\s+installed 1\\.1\\.0, cannot run here")));
            assertFalse(available, available.contains("update available"));
            out = osgi.gogo("profile:update acme-os");
            assertTrue(out, out.contains("is up to date for this platform: " + ProfileBundles.ACME + " 1.1.0"));

            // a second install of an id advises what works
            out = osgi.gogoReport("profile:install acme-os");
            assertTrue(out, out.contains("already installed") && out.contains("profile:update acme-os"));
            out = osgi.gogoReport("profile:install linux");
            assertTrue(out, out.contains("comes with the platform") && !out.contains("profile:update"));

            // after an uninstall, vm:create says where the profile comes from
            osgi.gogo("profile:uninstall acme-os");
            Osgi.await(WAIT, () -> !profileList(osgi).contains("acme-os"), () -> profileList(osgi));
            Osgi.Platform p = platform;
            Exception e = assertThrows(Exception.class, () -> p.vms().create(VmSpec.builder("acme-os", "phyllome-it-acme-gone").build()));
            assertTrue(e.getMessage(), e.getMessage().contains("profile:available") && e.getMessage().contains("profile:install acme-os"));

            // ID@VERSION
            out = osgi.gogo("profile:install acme-os@1.0.0");
            assertTrue(out, out.contains("installed profile 'acme-os': " + ProfileBundles.ACME + " 1.0.0"));
            awaitListed(osgi, "ACME OS 1.0.0");
            osgi.gogo("profile:uninstall acme-os");
            out = osgi.gogoReport("profile:install acme-os@7.0.0");
            assertTrue(out, out.contains("no repository offers profile 'acme-os' at version 7.0.0"));

            // the resolver's reason: the package once, and what this platform has
            out = osgi.gogoReport("profile:install acme-os@2.0.0");
            assertTrue(out, out.contains("cannot run on this platform") && out.contains("this platform's io.phyllome.host.api"));
            assertEquals(out, 1, out.split("osgi.wiring.package=io.phyllome.host.profile", -1).length - 1);
            assertFalse(profileList(osgi), profileList(osgi).contains("acme-os"));
        } finally {
            osgi.gogoReport("profile:uninstall acme-os");
            restoreRepositories(osgi);
        }
    }

    @Test
    public void aBundleWhoseIdsDisagreeIsRefusedAndTheBuiltInStaysHealthy() throws Exception {
        Osgi osgi = new Osgi(context);
        String out = osgi.gogoReport("profile:install acme-linux");
        assertTrue(out, out.contains("refused") && out.contains("[acme-linux]") && out.contains("[linux]"));
        assertFalse(bundle(ProfileBundles.MISMATCH).isPresent());
        String list = profileList(osgi);
        assertFalse(list, list.contains("FAULTY"));
        assertTrue(list, list.lines().anyMatch(l -> l.startsWith("linux ")));
        assertTrue(osgi.gogo("profile:show linux"), osgi.gogo("profile:show linux").contains("family:      LINUX"));
    }

    /** Back to the framework property's repositories (the vendor's first index and the distro's). */
    private static void restoreRepositories(Osgi osgi) throws Exception {
        osgi.service(org.osgi.service.cm.ConfigurationAdmin.class, null).getConfiguration("io.phyllome.host.profiles.install", "?").delete();
        Osgi.await(WAIT, () -> gogo(osgi, "profile:available").contains("windows-11 ") && !gogo(osgi, "profile:available").contains("2.0.0"),
                () -> gogo(osgi, "profile:available"));
    }

    private static void configureRepositories(Osgi osgi, String index) throws Exception {
        org.osgi.service.cm.Configuration config = osgi.service(org.osgi.service.cm.ConfigurationAdmin.class, null)
                .getConfiguration("io.phyllome.host.profiles.install", "?");
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("repositories", new String[] { index });
        config.update(properties);
    }

    private static String gogo(Osgi osgi, String command) {
        try {
            return osgi.gogo(command);
        } catch (Exception e) {
            throw new AssertionError(command + " failed", e);
        }
    }
    private static void awaitListed(Osgi osgi, String text) {
        Osgi.await(WAIT, () -> profileList(osgi).contains(text), () -> "profile:list does not show " + text + ":\n" + profileList(osgi));
    }

    private static String profileList(Osgi osgi) {
        try {
            return osgi.gogo("profile:list");
        } catch (Exception e) {
            return "(profile:list failed: " + e + ")"; // e.g. while host.core restarts
        }
    }

    private Optional<Bundle> bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
    }
}
