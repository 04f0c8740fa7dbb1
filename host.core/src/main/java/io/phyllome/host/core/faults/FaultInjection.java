package io.phyllome.host.core.faults;

/**
 * Deliberate crashes, for the tests of crash safety only (distro's CrashRepairE2EIT and
 * FaultInjectionE2EIT). A point halts the JVM at once, as a power cut or {@code kill -9} would,
 * when the system property {@value #HALT_AT} names it; nothing sets that property except such a
 * test's {@code -D} option. The points are named {@code command.step-done}, e.g.
 * {@code vm-create.defined}; host.storage has its own ({@code disk.*}, {@code export.*}).
 */
public final class FaultInjection {

    /** The system property naming the one point to halt at. */
    public static final String HALT_AT = "phyllome.fault.halt-at";

    /** vm:create (and vm:import): the disks and keys exist, the VM is not defined yet. */
    public static final String VM_CREATE_DISKS_MADE = "vm-create.disks-made";
    /** vm:create: the VM is defined, its disks' creation records are still there. */
    public static final String VM_CREATE_DEFINED = "vm-create.defined";
    /** disk:add: the new disk and its key exist, the VM does not refer to it yet. */
    public static final String DISK_ADD_DISK_MADE = "disk-add.disk-made";
    /** disk:add: the VM refers to the new disk, its creation record is still there. */
    public static final String DISK_ADD_ATTACHED = "disk-add.attached";
    /** vm:delete: the VM is undefined, its disks and keys are not deleted yet. */
    public static final String VM_DELETE_UNDEFINED = "vm-delete.undefined";

    /** vm:export: the disks are in the package, the rest of it is not written yet. */
    public static final String VM_EXPORT_DISKS_COPIED = "vm-export.disks-copied";
    /** vm:export: the manifest is written, its seal is not. */
    public static final String VM_EXPORT_MANIFEST_WRITTEN = "vm-export.manifest-written";
    /** vm:import: the boot files are in the media library, the disks are not adopted yet. */
    public static final String VM_IMPORT_BOOT_FILES = "vm-import.boot-files";
    /** profile:install: the download is in its temporary file, not verified yet. */
    public static final String PROFILE_INSTALL_DOWNLOADED = "profile-install.downloaded";
    /** profile:install: the bundle is in STATE/profiles, not installed in the framework yet. */
    public static final String PROFILE_INSTALL_STORED = "profile-install.stored";

    /** The exit status of a halted platform. */
    public static final int HALT_STATUS = 86;

    private FaultInjection() {
    }

    public static void point(String name) {
        if (name.equals(System.getProperty(HALT_AT))) {
            System.err.println("phyllome: fault injection: " + name + ": halting now");
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
