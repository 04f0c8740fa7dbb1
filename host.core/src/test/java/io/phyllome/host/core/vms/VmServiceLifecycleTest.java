package io.phyllome.host.core.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.phyllome.host.core.profiles.FakeProfile;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmException;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;

/**
 * {@link VmService}'s lifecycle (start, stop, shutdown, autostart) and what it tells about a VM
 * (info, list, definition).
 */
class VmServiceLifecycleTest extends VmServiceTest {

    @Test
    void startRefusesARunningVm() {
        hypervisor.put(domain("vm1", VmState.RUNNING, "linux"));
        VmException e = assertThrows(VmException.class, () -> service.start("vm1"));
        assertEquals("VM 'vm1' is already running", e.getMessage());
        assertEquals(List.of(), mutations());
    }

    @Test
    void startStartsAStoppedVm() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        service.start("vm1");
        assertEquals(List.of("hypervisor.start vm1"), mutations());
    }

    @Test
    void stopAndShutdownRefuseAStoppedVmNamingTheFix() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        VmException stop = assertThrows(VmException.class, () -> service.stop("vm1"));
        assertEquals("VM 'vm1' is shut-off: start it with vm:start vm1", stop.getMessage());
        assertThrows(VmException.class, () -> service.shutdown("vm1"));
        assertEquals(List.of(), mutations());
    }

    @Test
    void autostartIsTheHypervisorsFlagOfAnExistingVm() {
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        service.setAutostart("vm1", true);
        assertTrue(service.autostart("vm1"));
        service.setAutostart("vm1", false);
        assertFalse(service.autostart("vm1"));
        assertEquals(List.of("hypervisor.setAutostart vm1 true", "hypervisor.setAutostart vm1 false"), mutations());
        assertThrows(VmException.class, () -> service.setAutostart("nope", true));
    }

    @Test
    void stopForcesAndShutdownAsks() {
        hypervisor.put(domain("vm1", VmState.RUNNING, "linux"));
        service.shutdown("vm1");
        service.stop("vm1");
        assertEquals(List.of("hypervisor.shutdown vm1", "hypervisor.forceStop vm1"), mutations());
    }

    @Test
    void infoWarnsWhenTheVmsProfileIsNotInstalled() {
        profiles.add(new FakeProfile("linux", (ctx, dev) -> { }));
        hypervisor.put(domain("win", VmState.SHUT_OFF, "windows-11"));
        hypervisor.put(domain("tux", VmState.SHUT_OFF, "linux"));
        hypervisor.put(domain("foreign", VmState.SHUT_OFF, ""));

        VmInfo win = service.info("win");
        assertFalse(win.profileInstalled());
        assertEquals(1, win.findings().size());
        assertTrue(win.findings().get(0).contains("'windows-11' is not installed"), win.findings().get(0));

        assertTrue(service.info("tux").profileInstalled());
        assertEquals(List.of(), service.info("tux").findings());

        VmInfo foreign = service.info("foreign");
        assertFalse(foreign.profileInstalled());
        assertEquals(List.of(), foreign.findings(), "a VM the platform did not create is not warned about");

        assertEquals(List.of("foreign", "tux", "win"), service.list().stream().map(VmInfo::name).toList());
    }

    @Test
    void definitionOfAnUnknownVmIsNoSuchVm() {
        assertThrows(NoSuchVmException.class, () -> service.definition("ghost"));
        hypervisor.put(domain("vm1", VmState.SHUT_OFF, "linux"));
        assertEquals("<domain name='vm1'/>", service.definition("vm1"));
    }
}
