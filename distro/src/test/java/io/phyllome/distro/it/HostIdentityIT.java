package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.phyllome.host.platform.HostFingerprint;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Profiles;

/**
 * The host's identity: its configuration directory applied and reported, its fingerprint, the
 * per-profile lines of host:check, and vm:lint on VMs of the system libvirtd.
 */
public class HostIdentityIT extends FrameworkTest {

    private static final String CONFIG_DIR = "phyllome.config.dir";
    private static final String PROFILES_PID = "io.phyllome.host.profiles";
    private static final String LINUX_BUNDLE = "io.phyllome.profiles.linux";

    /** The configuration file's libvirt URI is in effect: the services have rebound to it. */
    @Before
    public void settle() {
        new Osgi(context).connectTo(Host.SYSTEM);
    }

    /** The platform with a configuration directory of three files: a good one with a typo, the libvirt URI, a badly named one. */
    @Override
    @Configuration
    public Option[] config() throws IOException {
        Path config = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(HostIdentityIT.class.getSimpleName()).resolve("config");
        Option[] options = TestPlatform.options(HostIdentityIT.class, frameworkProperty(CONFIG_DIR).value(config.toString()));
        Files.createDirectories(config);
        Files.writeString(config.resolve(PROFILES_PID + ".cfg"), "# longer than the default 30 s\ncontributeTimeoutSeconds = 25\nallowPasthrough = true\n");
        Files.writeString(config.resolve(TestPlatform.LIBVIRT_PID + ".cfg"), "uri=" + Host.SYSTEM + "\n");
        Files.writeString(config.resolve("bad name.cfg"), "a=b\n");
        return options;
    }

    @Test
    public void aConfigurationFileIsAppliedTypedAndReportedByHostInfo() throws Exception {
        Osgi osgi = new Osgi(context);
        Path dir = Path.of(osgi.property(CONFIG_DIR));
        ConfigurationAdmin admin = osgi.service(ConfigurationAdmin.class, null);

        assertEquals("the file's value, typed as the metatype says", 25L,
                admin.getConfiguration(PROFILES_PID, "?").getProperties().get("contributeTimeoutSeconds"));
        ServiceComponentRuntime scr = osgi.service(ServiceComponentRuntime.class, null);
        Osgi.await(Duration.ofSeconds(10), () -> Long.valueOf(25).equals(componentProperty(scr, "io.phyllome.host.core.profiles.ProfileRegistry",
                "contributeTimeoutSeconds")), () -> "ProfileRegistry does not run with contributeTimeoutSeconds=25");

        String info = osgi.gogo("host:info");
        assertTrue("host:info names the configuration directory:\n" + info, info.lines().anyMatch(l -> l.matches("config:\\s+\\Q" + dir + "\\E")));
        String profilesFile = dir.resolve(PROFILES_PID + ".cfg").toString();
        assertTrue("host:info lists the applied file and its keys:\n" + info, info.contains(profilesFile + " (allowPasthrough, contributeTimeoutSeconds)"));
        assertTrue("host:info reports the typo:\n" + info, info.contains("key 'allowPasthrough' is not a setting of " + PROFILES_PID));
        assertTrue("host:info lists the libvirt file:\n" + info, info.contains(dir.resolve(TestPlatform.LIBVIRT_PID + ".cfg") + " (uri)"));
        assertTrue("host:info says the badly named file was not applied:\n" + info,
                info.contains(dir.resolve("bad name.cfg") + " (not applied): 'bad name' is not a configuration PID"));
        assertTrue("the platform version is the core bundle's:\n" + info, info.contains("platform:    Phyllome Host " + bundle("io.phyllome.host.core").getVersion()));
    }

    @Test
    public void theFingerprintIsStableAndChangesWithTheInstalledProfiles() throws Exception {
        Osgi osgi = new Osgi(context);
        HostFingerprint fingerprint = osgi.service(HostFingerprint.class, null);
        Profiles profiles = osgi.service(Profiles.class, null);
        Map<String, String> before = fingerprint.components();
        String digest = fingerprint.digest();

        assertEquals("two calls, one digest", digest, fingerprint.digest());
        assertEquals(HostFingerprint.digest(before), digest);
        assertEquals(64, digest.length());
        assertEquals("io.phyllome.profiles.linux " + bundle(LINUX_BUNDLE).getVersion(), before.get("profile.linux"));
        assertTrue("machine types from libvirt: " + before.get("machines"), before.get("machines").contains("q35"));
        assertFalse("a CPU model from libvirt: " + before, before.get("cpu.model").isEmpty());
        assertTrue(before.get("firmware"), before.get("firmware").contains("uefi"));
        String shown = osgi.gogo("host:fingerprint");
        assertTrue("host:fingerprint starts with the digest:\n" + shown, shown.startsWith("digest: " + digest + "\n"));
        assertTrue(shown, shown.contains("\nprofile.linux=io.phyllome.profiles.linux "));
        assertTrue(osgi.gogo("host:info").contains("fingerprint: " + digest));

        Bundle linux = bundle(LINUX_BUNDLE);
        try {
            linux.stop();
            Osgi.await("linux profile gone", Duration.ofSeconds(10), () -> profiles.find("linux").isEmpty());
            assertNotEquals("stopping a profile bundle changes the digest", digest, fingerprint.digest());
            assertFalse(fingerprint.components().containsKey("profile.linux"));
            List<String> differences = fingerprint.compare(before);
            assertEquals("compared with the host as it was", List.of("profile linux: not installed on this host (the other host has "
                    + LINUX_BUNDLE + " " + linux.getVersion() + "; profile:install linux)"), differences);
        } finally {
            linux.start();
        }
        Osgi.await("linux profile back", Duration.ofSeconds(10), () -> profiles.find("linux").isPresent());
        assertEquals("the same host again, the same digest", digest, fingerprint.digest());
        assertEquals(List.of(), fingerprint.compare(before));
    }

    @Test
    public void hostCheckHasALinePerProfileAndCreatesNothing() throws Exception {
        Osgi osgi = new Osgi(context);
        Profiles profiles = osgi.service(Profiles.class, null);
        List<String> domains = Host.systemDomains();

        String report = osgi.gogoReport("host:check");

        for (ProfileDescriptor profile : profiles.list()) {
            assertTrue("host:check has a line for profile " + profile.id() + ":\n" + report,
                    report.lines().anyMatch(l -> l.matches("(PASS|WARN|FAIL)\\s+profile " + profile.id() + " .+")));
        }
        assertTrue("linux can create a VM here:\n" + report, report.lines().anyMatch(l -> l.matches("(PASS|WARN)\\s+profile linux\\s+can create a VM .*")));
        report.lines().filter(l -> l.startsWith("FAIL") && l.contains(" profile "))
                .forEach(l -> assertTrue("a failing profile says what is missing: " + l, l.contains("cannot create a VM here")));
        assertTrue("the virt-host-validate checks:\n" + report, report.lines().anyMatch(l -> l.matches("(PASS|FAIL)\\s+/dev/net/tun .*")));
        assertTrue(report, report.lines().anyMatch(l -> l.matches("(PASS|WARN)\\s+cgroup controllers .*")));
        assertTrue("no KVM here is a warning:\n" + report, report.lines().anyMatch(l -> l.matches("(PASS|WARN)\\s+hardware virtualization .*")));
        assertEquals("host:check defines no domain", domains, Host.systemDomains());
    }

    @Test
    public void vmLintFindsAnIsoOutsideTheLibraryAndAnUnencryptedDisk() throws Exception {
        Osgi osgi = new Osgi(context);
        Path state = Path.of(osgi.property(TestPlatform.STATE_DIR));
        Path iso = Files.write(state.getParent().resolve("outside.iso"), new byte[2048]);
        String name = TestGuest.uniqueName("it-lint");
        try {
            String created = osgi.gogo("vm:create --memory 256M --cpus 1 --disk 1G --no-encryption --iso " + iso + " linux " + name);
            assertTrue("vm:create notes the ISO outside the library:\n" + created,
                    created.contains("portability warning: medium sda is " + iso + ", outside the platform's disk pool and media library"));

            String lint = osgi.gogo("vm:lint " + name);
            assertTrue("vm:lint finds the ISO:\n" + lint, lint.contains("warning: medium sda is " + iso + ", outside"));
            assertTrue("vm:lint says how to fix it:\n" + lint, lint.contains("media:import FILE SHA256"));
            assertTrue("vm:lint finds the unencrypted disk:\n" + lint, lint.lines().anyMatch(l -> l.startsWith("warning: disk vda (" + state.resolve("disks"))
                    && l.contains(") is not encrypted")));
            assertFalse("no blockers:\n" + lint, lint.contains("blocker"));

            osgi.gogo("vm:delete --with-disks " + name);
            assertFalse(Host.systemDomains().contains(name));
        } finally {
            Host.removeLeftovers(name, state.resolve("disks"));
        }
    }

    @Test
    public void vmLintFailsOnHostDevicesAndAPassthroughCpu() throws Exception {
        Osgi osgi = new Osgi(context);
        Path xml = Path.of(osgi.property(TestPlatform.STATE_DIR)).getParent().resolve("passthrough.xml");
        String name = TestGuest.uniqueName("it-lint");
        Files.writeString(xml, "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='q35'>hvm</type></os><cpu mode='host-passthrough'/><devices>"
                + "<hostdev mode='subsystem' type='usb'><source><vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>"
                + "</devices></domain>");
        Host.run("virsh", "-c", Host.SYSTEM, "define", xml.toString());
        try {
            String report = osgi.gogoReport("vm:lint " + name);

            assertTrue("the host device blocks:\n" + report, report.contains("blocker: host device usb 046d:c52b is passed through"));
            assertTrue("the passthrough CPU blocks:\n" + report, report.contains("blocker: the CPU is host-passthrough"));
            assertTrue("vm:lint fails, naming the blockers:\n" + report, report.contains("error: " + name + " has 2 portability blocker(s)"));
        } finally {
            Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", name);
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private static Object componentProperty(ServiceComponentRuntime scr, String component, String key) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals(component)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    return configuration.properties.get(key);
                }
            }
        }
        return null;
    }
}
