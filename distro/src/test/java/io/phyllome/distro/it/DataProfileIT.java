package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.phyllome.host.diagnostics.ProfileDryRun;
import io.phyllome.host.vm.VmSpec;

/**
 * Profiles as data: the FreeBSD-style example, a bundle with a profile.json and no Java, installs
 * from a repository index through the extender, shows in profile:show, and creates VMs whose
 * domain XML is its coded twin's; a malformed profile.json is refused at install with the
 * schema's message, and one copied in anyway is FAULTY with that message. VMs are defined on the
 * system libvirtd, never started.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataProfileIT {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(20);

    private final TestVms vms = new TestVms();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        Path work = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath();
        Option[] options = TestPlatform.options(DataProfileIT.class);
        Path repository = DataProfileBundles.repository(work.resolve("data-profile-repository"));
        Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = frameworkProperty("phyllome.profile.repositories").value(repository.resolve("index.xml").toUri().toString());
        return all;
    }

    @Test
    public void theDataProfileInstallsAndItsVmsAreItsCodedTwins() throws Exception {
        Osgi osgi = new Osgi(context);
        Osgi.Platform platform = osgi.connectTo(Host.SYSTEM);
        String available = osgi.gogo("profile:available");
        assertTrue(available, available.lines().anyMatch(l -> l.matches("freebsd-data\\s+bsd\\s+" + DataProfileBundles.DATA + "\\s+1\\.0\\.0.*")));

        String out = osgi.gogo("profile:install freebsd-data");
        assertTrue(out, out.contains("installed profile 'freebsd-data': " + DataProfileBundles.DATA + " 1.0.0"));
        out = osgi.gogo("profile:install freebsd-coded");
        assertTrue(out, out.contains("installed profile 'freebsd-coded'"));
        assertTrue("kept in the state directory like a coded profile", Files.isRegularFile(stateDir(osgi).resolve("profiles").resolve(DataProfileBundles.DATA + ".jar")));

        String show = osgi.gogo("profile:show freebsd-data");
        assertTrue(show, show.contains("FreeBSD 14 (data profile)") && show.contains("BSD") && show.contains("http://freebsd.org/freebsd/14.0"));
        assertTrue(show, show.contains("console=serial: headless") && show.contains("(graphical | serial; default serial)"));
        assertTrue(show, show.contains("minimum:") && show.contains("recommended:"));
        assertFalse(osgi.gogo("profile:list"), osgi.gogo("profile:list").contains("FAULTY"));
        ProfileDryRun.Outcome probe = osgi.service(ProfileDryRun.class, null).run().stream().filter(o -> o.profile().equals("freebsd-data"))
                .findFirst().orElseThrow(() -> new AssertionError("host:check's dry run does not see freebsd-data"));
        assertEquals("host:check finds nothing wrong with it here", "", probe.problem());

        for (Map<String, String> options : java.util.List.of(Map.<String, String>of(), Map.of("console", "graphical"))) {
            String data = create(platform, "freebsd-data", options);
            String coded = create(platform, "freebsd-coded", options);
            String dataXml = platform.hypervisor().nativeDefinition(data);
            String codedXml = platform.hypervisor().nativeDefinition(coded);
            assertTrue(dataXml, dataXml.contains("freebsd-data"));
            assertEquals("the data profile's domain (options " + options + ") is its coded twin's", normal(codedXml, coded, "freebsd-coded"),
                    normal(dataXml, data, "freebsd-data"));
            assertEquals(platform.vms().info(coded).findings(), platform.vms().info(data).findings());
        }
        String graphical = platform.hypervisor().nativeDefinition(vmsMade.get(2));
        assertTrue(graphical, graphical.contains("<model type='vga'") || graphical.contains("type=\"vga\""));

        out = osgi.gogoReport("vm:create --options console=vnc freebsd-data " + vms.name("data-badopt"));
        assertTrue(out, out.contains("console=vnc is not one of graphical, serial"));

        // like a coded profile, it comes back when the platform starts again from its state directory
        bundle(DataProfileBundles.DATA).orElseThrow().uninstall();
        Osgi.await(WAIT, () -> !gogo(osgi, "profile:list").contains("freebsd-data"), () -> gogo(osgi, "profile:list"));
        Bundle core = bundle("io.phyllome.host.core").orElseThrow();
        core.stop();
        core.start();
        Osgi.await(WAIT, () -> gogo(osgi, "profile:list").contains("FreeBSD 14 (data profile)"), () -> gogo(osgi, "profile:list"));
    }

    @Test
    public void aMalformedProfileJsonIsRefusedAtInstallWithTheSchemasMessage() throws Exception {
        Osgi osgi = new Osgi(context);
        String out = osgi.gogoReport("profile:install malformed-data");
        System.out.println("profile:install malformed-data says:\n" + out); // docs/profiles-as-data.md quotes it
        assertTrue(out, out.contains("cannot install profile 'malformed-data'") && out.contains("profile.json of bundle " + DataProfileBundles.MALFORMED));
        assertTrue("the schema's messages:\n" + out, out.contains("/: required property 'name' not found") && out.contains("/minimum/cpus: must have a minimum value of 1"));
        assertFalse("nothing left behind", bundle(DataProfileBundles.MALFORMED).isPresent());
        assertFalse(Files.exists(stateDir(osgi).resolve("profiles").resolve(DataProfileBundles.MALFORMED + ".jar")));
        String list = osgi.gogo("profile:list");
        assertFalse(list, list.contains("malformed-data"));
    }

    @Test
    public void aDataProfileWhoseIdIsNotItsCapabilitysIsRefused() throws Exception {
        Osgi osgi = new Osgi(context);
        String out = osgi.gogoReport("profile:install mismatch-data");
        assertTrue(out, out.contains("refused") && out.contains("[mismatch-data]") && out.contains("[other-data]"));
        assertFalse(bundle(DataProfileBundles.MISMATCH).isPresent());
        assertFalse(osgi.gogo("profile:list"), osgi.gogo("profile:list").contains("other-data"));
    }

    @Test
    public void aMalformedDataBundleInstalledAnywayIsFaultyWithTheReason() throws Exception {
        Osgi osgi = new Osgi(context);
        Path jar = DataProfileBundles.jar(Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve("data-profile-repository"),
                DataProfileBundles.MALFORMED);
        Bundle copied = context.installBundle(jar.toUri().toString());
        try {
            copied.start();
            String list = osgi.gogo("profile:list");
            assertTrue(list, list.lines().anyMatch(l -> l.contains("malformed-data") && l.contains("FAULTY") && l.contains("required property 'name' not found")));
            assertTrue(list, list.lines().anyMatch(l -> l.startsWith("linux ") && !l.contains("FAULTY")));
        } finally {
            copied.uninstall();
        }
        Osgi.await(WAIT, () -> !gogo(osgi, "profile:list").contains("malformed-data"), () -> gogo(osgi, "profile:list"));
    }

    private final java.util.List<String> vmsMade = new java.util.ArrayList<>();

    private String create(Osgi.Platform platform, String profile, Map<String, String> options) {
        String name = vms.name("data-" + profile.replace("freebsd-", ""));
        VmSpec.Builder spec = VmSpec.builder(profile, name);
        options.forEach(spec::option);
        platform.vms().create(spec.build());
        vmsMade.add(name);
        return name;
    }

    /** The domain XML without what differs between any two VMs: names, UUIDs, MAC addresses, the profile's id. */
    private static String normal(String xml, String vm, String profile) {
        return xml.replace(vm, "VM").replace(profile, "PROFILE")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("([0-9a-f]{2}:){5}[0-9a-f]{2}", "MAC");
    }

    private static String gogo(Osgi osgi, String command) {
        try {
            return osgi.gogo(command);
        } catch (Exception e) {
            return "(" + command + " failed: " + e + ")";
        }
    }

    private static Path stateDir(Osgi osgi) {
        return Path.of(osgi.property(TestPlatform.STATE_DIR));
    }

    private Optional<Bundle> bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
    }

    @After
    public void cleanUp() {
        vms.removeAll(stateDir(new Osgi(context)).resolve("disks"));
    }
}
