package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.Before;
import org.junit.Test;

import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmSpec;

/**
 * Requests the platform must refuse, against the system libvirtd: each fails with an exception
 * whose message names the problem, and leaves no domain, secret or disk behind.
 */
public class BadInputIT extends FrameworkTest {

    private Osgi.Platform platform;
    private Path disks;

    @Before
    public void connect() {
        Osgi osgi = new Osgi(context);
        platform = osgi.connectTo(Host.SYSTEM);
        disks = Path.of(osgi.property(TestPlatform.STATE_DIR)).resolve("disks");
    }

    @Test
    public void namesWithXmlMetacharactersAreRefused() {
        for (String name : List.of("a<b", "x&y", "q\"uote", "it's", "a>b", "<domain/>")) {
            refused(TestGuest.spec(name, "x", true), "VM name '" + name + "'");
        }
    }

    @Test
    public void nameWithSlashIsRefused() {
        refused(TestGuest.spec("a/b", "x", true), "VM name 'a/b'");
        refused(TestGuest.spec("../../etc/x", "x", true), "VM name '../../etc/x'");
    }

    @Test
    public void overlongNameIsRefused() {
        refused(TestGuest.spec("n".repeat(300), "x", true), "300 characters");
    }

    @Test
    public void zeroMemoryIsRefused() {
        refused(with(b -> b.memory(new ByteSize(0))), "memory must be more than 0");
    }

    @Test
    public void zeroCpusAreRefusedNotTakenForTheRecommendation() {
        refused(with(b -> b.cpus(0)), "0 CPUs: a VM needs at least 1");
    }

    /** In the shell, an explicit 0 is refused too: leaving an option out is how to ask for the profile's value. */
    @Test
    public void zeroResourcesInTheShellAreErrorsNamingTheFix() throws Exception {
        List<String> files = Host.tree(disks);
        String name = TestGuest.uniqueName("it-bad");
        shellRefuses("vm:create --cpus 0 --disk 64M linux " + name,
                "error: 0 CPUs: a VM needs at least 1; give e.g. --cpus 2, or leave --cpus out for the profile's recommendation");
        shellRefuses("vm:create --memory 0 --disk 64M linux " + name, "error: memory must be more than 0");
        shellRefuses("vm:create --disk 0 linux " + name, "error: disk size 0 is too small");
        shellRefuses("vm:create --cpus two linux " + name, "error: --cpus: 'two' is not a whole number");
        assertFalse("nothing was defined", Host.systemDomains().contains(name));
        assertEquals("nothing was created in " + disks, files, Host.tree(disks));
    }

    @Test
    public void absurdMemoryIsRefused() {
        refused(with(b -> b.memory(ByteSize.parse("64T"))), "memory 64T is more than this host has");
    }

    @Test
    public void unknownProfileIsRefused() {
        VmSpec spec = TestGuest.spec(TestGuest.uniqueName("it-bad"), "x", true).toBuilder().build();
        VmSpec unknown = VmSpec.builder("no-such-profile", spec.name()).memory(ByteSize.ofMiB(256)).cpus(1)
                .disk(spec.disks().get(0)).directBoot(spec.directBoot().orElseThrow()).build();
        refused(unknown, "unknown profile 'no-such-profile'");
    }

    @Test
    public void specBelowTheProfileMinimumIsRefused() {
        refused(with(b -> b.memory(ByteSize.ofMiB(128))), "profile 'linux' needs at least 256M of memory, not 128M");
    }

    private void shellRefuses(String command, String error) throws Exception {
        String report = new Osgi(context).gogoReport(command);
        assertTrue(command + " must fail with '" + error + "': " + report, report.contains(error));
    }

    /** The E2E spec of a fresh name, changed by {@code change}. */
    private static VmSpec with(UnaryOperator<VmSpec.Builder> change) {
        return change.apply(TestGuest.spec(TestGuest.uniqueName("it-bad"), "x", true).toBuilder()).build();
    }

    /**
     * Creating {@code spec} fails, naming {@code problem}, and changes nothing: no domain of its
     * name, no secret and no file in this test's disk pool. (Other VMs of the shared system daemon
     * may come and go meanwhile.)
     */
    private void refused(VmSpec spec, String problem) {
        List<String> files = Host.tree(disks);

        VmException e = assertThrows("creating " + spec + " must fail", VmException.class, () -> platform.vms().create(spec));
        assertTrue("an invalid spec is an InvalidSpecException: " + e, e instanceof InvalidSpecException);
        assertTrue("the message names the problem '" + problem + "': " + e.getMessage(), e.getMessage().contains(problem));

        assertFalse("a domain " + spec.name() + " after refusing it", Host.systemDomains().contains(spec.name()));
        assertFalse("VirtualMachines lists " + spec.name(), platform.vms().list().stream().anyMatch(vm -> vm.name().equals(spec.name())));
        assertEquals("secrets for " + disks + " after refusing " + spec, List.of(),
                Host.systemSecrets().stream().filter(line -> line.contains(disks.toString())).toList());
        assertEquals("files in " + disks + " after refusing " + spec, files, Host.tree(disks));
    }
}
