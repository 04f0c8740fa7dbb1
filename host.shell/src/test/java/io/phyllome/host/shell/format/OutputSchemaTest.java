package io.phyllome.host.shell.format;

import static io.phyllome.host.shell.format.SchemaAssert.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phyllome.host.diagnostics.HostValidation.Check;
import io.phyllome.host.diagnostics.HostValidation.Status;
import io.phyllome.host.document.HostCheck;
import io.phyllome.host.document.ProfileDetails;
import io.phyllome.host.document.ProfileList;
import io.phyllome.host.document.VmList;
import io.phyllome.host.profile.OsFamily;
import io.phyllome.host.profile.ProfileDescriptor;
import io.phyllome.host.profile.Resources;
import io.phyllome.host.vm.ByteSize;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmState;
import io.phyllome.host.vm.VmSummary;

/** Every command's JSON validates against its schema under docs/api/v1, and the table form keeps its header. */
class OutputSchemaTest {

    static final VmInfo WINDOWS = new VmInfo("windows-server-2022", "uuid-1", VmState.RUNNING, "windows-server-2022", true, ByteSize.ofGiB(8), 4,
            List.of(new VmDisk("vda", "/state/disks/windows-server-2022-0.qcow2", false, true, true),
                    new VmDisk("sda", "/state/media/server.iso", true, false, false)),
            List.of("warning: something to know"));
    static final VmInfo FOREIGN = new VmInfo("foreign", "uuid-2", VmState.SHUT_OFF, "", false, ByteSize.ofMiB(512), 1, List.of(), List.of());
    static final ProfileDescriptor LINUX = new ProfileDescriptor("linux", "Linux (generic)", OsFamily.LINUX, List.of("linux2022"),
            new Resources(ByteSize.ofMiB(512), 1, ByteSize.ofGiB(4)), new Resources(ByteSize.ofGiB(2), 2, ByteSize.ofGiB(20)));

    @Test
    void vmList() {
        VmList list = VmList.of(List.of(summary(WINDOWS), summary(FOREIGN)));
        String json = assertValid(list);
        assertTrue(json.contains("\"memoryBytes\" : 8589934592"), json);
        assertTrue(json.contains("\"state\" : \"shut-off\""), json);
        List<String> lines = Formatter.text(list).lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+STATE\\s+PROFILE\\s+MEMORY\\s+CPUS"), lines.get(0));
        assertTrue(lines.get(1).matches("windows-server-2022\\s+running\\s+windows-server-2022\\s+8G\\s+4"), lines.get(1));
        assertTrue(lines.get(2).startsWith("foreign "), lines.get(2));
        assertValid(VmList.of(List.of()));
    }

    @Test
    void profileList() {
        ProfileList list = ProfileList.of(List.of(LINUX), Map.of("linux", "threw NPE", "acme-component", "no descriptor"));
        assertValid(list);
        assertTrue(Formatter.text(list).lines().anyMatch(l -> l.matches("linux\\s+linux\\s+Linux \\(generic\\)  FAULTY: threw NPE")), Formatter.text(list));
        assertTrue(Formatter.text(list).lines().anyMatch(l -> l.matches("acme-component\\s+\\?\\s+FAULTY: no descriptor")), Formatter.text(list));
        assertValid(ProfileList.of(List.of(LINUX), Map.of()));
    }

    /** A family added to OsFamily must be added to the schemas too, or a profile of it breaks --format json. */
    @Test
    void everyOsFamilyIsOneTheProfileSchemasAllow() {
        for (OsFamily family : OsFamily.values()) {
            ProfileDescriptor descriptor = new ProfileDescriptor("p", "P", family, List.of(), LINUX.minimum(), LINUX.recommended());
            assertValid(ProfileList.of(List.of(descriptor), Map.of()));
            assertValid(ProfileDetails.of(new io.phyllome.host.profile.GuestProfile() {
                @Override
                public ProfileDescriptor descriptor() {
                    return descriptor;
                }

                @Override
                public void contribute(io.phyllome.host.profile.ProfileContext context, io.phyllome.host.device.DeviceSetBuilder devices) {
                }
            }, null));
        }
    }

    @Test
    void hostCheck() {
        HostCheck report = HostCheck.of(List.of(new Check(Status.PASS, "UEFI firmware", "OVMF is installed"),
                new Check(Status.FAIL, "TPM 2.0 emulator", "missing: install swtpm")));
        String json = assertValid(report);
        assertEquals(1, report.failed());
        assertTrue(json.contains("\"failed\" : 1"), json);
        assertTrue(Formatter.text(report).startsWith("STATUS  CHECK"), Formatter.text(report));
    }

    @Test
    void theSchemasRefuseWhatTheyDoNotDescribe() {
        String json = Formatter.render(Format.JSON, VmList.of(List.of(summary(FOREIGN))));
        assertFalse(SchemaAssert.errors("vm-list", json.replace("\"cpus\"", "\"cores\"")).isEmpty(), "a renamed field fails");
        assertFalse(SchemaAssert.errors("vm-list", json.replace("vm-list.schema", "vm-lost.schema")).isEmpty(), "another schema's id fails");
    }

    /** A VM as vm:list reads it (VirtualMachines.summaries). */
    static VmSummary summary(VmInfo vm) {
        return new VmSummary(vm.name(), vm.state(), vm.profile(), vm.profileInstalled(), vm.memory(), vm.cpus());
    }
}
