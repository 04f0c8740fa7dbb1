package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/** The platform as phyllome.bndrun runs it: bundles, components, profiles, shell commands. */
public class PlatformIT extends FrameworkTest {

    private static final String LINUX_BUNDLE = "io.phyllome.profiles.linux";
    private static final Set<String> COMMANDS = Set.of("vm:create", "vm:list", "vm:info", "vm:start", "vm:shutdown", "vm:stop",
            "vm:delete", "vm:xml", "vm:screenshot", "vm:virtio", "vm:lint", "vm:autostart", "profile:list", "profile:show", "host:info", "host:check", "host:fingerprint", "host:protect", "host:unlock", "host:token", "disk:list", "disk:add",
            "disk:resize", "disk:delete", "disk:orphans", "media:import", "media:list", "media:remove", "profile:available", "profile:install", "profile:uninstall", "profile:update");

    @Test
    public void everyRunBundleIsActive() {
        Osgi osgi = new Osgi(context);
        List<String> problems = new ArrayList<>();
        for (String bsn : osgi.runBundles()) {
            List<Bundle> installed = Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).toList();
            if (installed.size() != 1) {
                problems.add(bsn + " is installed " + installed.size() + " times");
            } else if (installed.get(0).getState() != Bundle.ACTIVE) {
                problems.add(bsn + " is " + state(installed.get(0)));
            }
        }
        // nothing else in the framework failed either (Pax Exam's own bundles, the probe)
        for (Bundle b : context.getBundles()) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                problems.add(b.getSymbolicName() + " is " + state(b));
            }
        }
        assertTrue("bundles not active: " + problems, problems.isEmpty());
        assertTrue("the run has the platform's bundles: " + osgi.runBundles(),
                osgi.runBundles().containsAll(List.of("io.phyllome.host.core", "io.phyllome.host.libvirt", "io.phyllome.host.storage", LINUX_BUNDLE)));
    }

    @Test
    public void everyPhyllomeComponentIsSatisfied() {
        Osgi osgi = new Osgi(context);
        ServiceComponentRuntime scr = osgi.service(ServiceComponentRuntime.class, null);
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.phyllome.")) {
                continue;
            }
            count++;
            if (!scr.isComponentEnabled(description)) {
                problems.add(description.name + " is disabled");
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(description.name + " is in state " + configuration.state + " (missing: "
                            + Arrays.stream(configuration.unsatisfiedReferences).map(r -> r.name + " " + r.target).collect(Collectors.joining(", "))
                            + (configuration.failure == null ? "" : "; failure: " + configuration.failure) + ")");
                }
            }
        }
        assertTrue("no Phyllome components found", count >= 8);
        assertTrue("components not satisfied: " + problems, problems.isEmpty());
    }

    @Test
    public void linuxProfileIsInstalled() {
        Profiles profiles = new Osgi(context).service(Profiles.class, null);
        assertTrue("profiles: " + ids(profiles), ids(profiles).contains("linux"));
        ProfileDescriptor linux = profiles.find("linux").orElseThrow().descriptor();
        assertEquals("linux", linux.id());
    }

    @Test
    public void shellCommandsAreRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(osgi.command.scope=*)");
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            String scope = String.valueOf(ref.getProperty("osgi.command.scope"));
            Object functions = ref.getProperty("osgi.command.function");
            List<String> names = functions instanceof String[] array ? Arrays.asList(array) : List.of(String.valueOf(functions));
            names.forEach(f -> registered.add(scope + ":" + f));
        }
        Set<String> missing = new TreeSet<>(COMMANDS);
        missing.removeAll(registered);
        assertTrue("commands not registered: " + missing + " (registered: " + registered + ")", missing.isEmpty());
    }

    @Test
    public void profileListPrintsOneLinePerProfile() throws Exception {
        Osgi osgi = new Osgi(context);
        Profiles profiles = osgi.service(Profiles.class, null);
        String output = osgi.gogo("profile:list");
        assertEquals("first words of profile:list\n" + output, ids(profiles), firstWords(output));
        assertTrue(output, output.lines().anyMatch(l -> l.startsWith("linux ")));
    }

    /** vm:import runs as the method _import (Java keyword); help lists and explains it by the command's name. */
    @Test
    public void helpKnowsACommandNamedByAJavaKeyword() throws Exception {
        Osgi osgi = new Osgi(context);
        String list = osgi.gogo("help");
        assertTrue(list, list.lines().anyMatch(l -> l.strip().equals("vm:import")) && !list.contains("_import"));
        assertTrue(list, list.lines().anyMatch(l -> l.strip().equals("vm:create")));
        String one = osgi.gogo("help vm:import");
        assertTrue(one, one.startsWith("import - define a VM from a package") && one.contains("--name") && !one.contains("_import"));
        assertTrue(osgi.gogoReport("help vm:nope"), osgi.gogoReport("help vm:nope").contains("error: no command 'vm:nope'"));
    }

    @Test
    public void hostInfoShowsTheStateDirectory() throws Exception {
        Osgi osgi = new Osgi(context);
        String output = osgi.gogo("host:info");
        String state = osgi.property(TestPlatform.STATE_DIR);
        assertTrue("host:info does not name the state directory " + state + ":\n" + output,
                output.lines().anyMatch(l -> l.matches("state:\\s+\\Q" + state + "\\E")));
    }

    @Test
    public void profilesFollowTheirBundle() throws Exception {
        Osgi osgi = new Osgi(context);
        Profiles profiles = osgi.service(Profiles.class, null);
        Bundle linux = Arrays.stream(context.getBundles()).filter(b -> LINUX_BUNDLE.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(LINUX_BUNDLE + " is not installed"));
        try {
            linux.stop();
            assertEquals(Bundle.RESOLVED, linux.getState());
            Osgi.await(Duration.ofSeconds(10), () -> !ids(profiles).contains("linux"), () -> "linux still listed: " + ids(profiles));
            assertFalse(profiles.find("linux").isPresent());
            String output = osgi.gogo("profile:list");
            assertFalse("profile:list after stopping " + LINUX_BUNDLE + ":\n" + output, firstWords(output).contains("linux"));
            assertEquals(ids(profiles), firstWords(output));

            linux.start();
            Osgi.await(Duration.ofSeconds(10), () -> ids(profiles).contains("linux"), () -> "linux not back: " + ids(profiles));
            output = osgi.gogo("profile:list");
            assertTrue("profile:list after restarting " + LINUX_BUNDLE + ":\n" + output, output.lines().anyMatch(l -> l.startsWith("linux ")));
        } finally {
            if (linux.getState() != Bundle.ACTIVE) {
                linux.start();
            }
        }
    }

    private static List<String> ids(Profiles profiles) {
        return profiles.list().stream().map(ProfileDescriptor::id).toList();
    }

    /** The first word of each non-empty line. */
    /** The first word of each row of a table, below its header line. */
    private static List<String> firstWords(String output) {
        assertTrue("a header line first:\n" + output, output.startsWith("ID "));
        return output.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\\s+")[0]).toList();
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

}
