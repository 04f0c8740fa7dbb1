package io.phyllome.host.core.vms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.core.locks.StateLocks;
import io.phyllome.host.core.transfer.TransferJournal;
import io.phyllome.host.diagnostics.CrashLeftovers;
import io.phyllome.host.platform.StateDirectory;
import io.phyllome.host.storage.Storage;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.VirtualMachines;
import io.phyllome.host.vm.VmDisk;
import io.phyllome.host.vm.VmInfo;

/**
 * What a crash can leave behind, and its repair. A creation that a crash interrupted between its
 * disks and the VM's definition leaves volumes (and their keys) that {@link Storage#unconfirmed()}
 * names; those no VM refers to are removed on request. Disks that are merely unused (kept by
 * {@code vm:delete --keep-disks}) are reported, never removed: they may be a user's data.
 *
 * <p>At start it logs a warning naming the leftovers of interrupted creations, if any; that costs
 * one directory listing when there are none.
 */
@Component(service = CrashLeftovers.class, immediate = true)
public class CrashRepair implements CrashLeftovers {

    private static final System.Logger LOG = System.getLogger(CrashLeftovers.class.getName());

    /** What {@link #scan()} reports, with the journal's records of interrupted transfers that {@link #clean()} removes. */
    record Found(List<Volume> interrupted, List<String> unused, List<String> orphanKeys, List<TransferJournal.Leftover> transfers) {

        Report report() {
            return new Report(interrupted, unused, orphanKeys, transfers.stream().map(Object::toString).toList());
        }
    }

    private final VirtualMachines vms;
    private final Storage storage;
    private final TransferJournal journal = TransferJournal.here();
    /** One repair at a time, across the platform's processes: two would remove the same leftovers. */
    private final StateLocks locks;

    @Activate
    public CrashRepair(@Reference VirtualMachines vms, @Reference Storage storage, BundleContext context) {
        this(vms, storage, StateLocks.in(StateDirectory.resolve(context::getProperty)));
    }

    CrashRepair(VirtualMachines vms, Storage storage, StateLocks locks) {
        this.vms = vms;
        this.storage = storage;
        this.locks = locks;
        warnAtStart();
    }

    @Override
    public Report scan() {
        return find().report();
    }

    private Found find() {
        Set<String> used = usedDisks();
        List<Volume> interrupted = interrupted(used);
        Set<String> interruptedPaths = interrupted.stream().map(Volume::path).collect(Collectors.toSet());
        Set<String> interruptedKeys = interrupted.stream().map(Volume::secretUuid).collect(Collectors.toSet());
        List<String> unused = storage.list().stream().map(Volume::path).filter(p -> !used.contains(p) && !interruptedPaths.contains(p))
                .sorted().toList();
        List<String> keys = storage.orphanKeys().stream().filter(k -> !interruptedKeys.contains(k)).toList();
        return new Found(interrupted, unused, keys, journal.abandoned());
    }

    @Override
    public Report clean() {
        // creations in progress are safe without this lock: their records name a live process
        try (StateLocks.Held repairing = locks.acquire("crash-repair", "removing what a crash left (disk:orphans --clean)")) {
            Set<String> used = usedDisks();
            storage.unconfirmed().stream().filter(v -> used.contains(v.path())).forEach(storage::confirm);
            Found found = find();
            found.interrupted().forEach(storage::delete);
            storage.removeOrphanKeys();
            Set<String> names = vms.list().stream().map(VmInfo::name).collect(Collectors.toSet());
            found.transfers().forEach(leftover -> TransferJournal.remove(leftover, names));
            return found.report();
        }
    }

    private List<Volume> interrupted(Set<String> used) {
        return storage.unconfirmed().stream().filter(v -> !used.contains(v.path())).toList();
    }

    private Set<String> usedDisks() {
        Set<String> used = new HashSet<>();
        vms.list().forEach(vm -> vm.disks().stream().map(VmDisk::source).forEach(used::add));
        return used;
    }

    private void warnAtStart() {
        try {
            List<TransferJournal.Leftover> transfers = journal.abandoned();
            if (!transfers.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "a crash interrupted " + transfers.stream().map(Object::toString).collect(Collectors.joining(", "))
                        + ": remove it with disk:orphans --clean");
            }
            if (storage.unconfirmed().isEmpty()) {
                return; // no VM listing when nothing was interrupted
            }
            List<Volume> leftovers = interrupted(usedDisks());
            if (!leftovers.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "a crash interrupted the creation of " + CrashLeftovers.describe(leftovers)
                        + ", which no VM uses: remove them with disk:orphans --clean");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot look for disks left by a crash: " + e.getMessage() + " (run disk:orphans)");
        }
    }
}
