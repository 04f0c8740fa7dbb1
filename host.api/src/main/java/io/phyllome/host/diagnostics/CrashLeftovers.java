package io.phyllome.host.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

import org.osgi.annotation.versioning.ProviderType;

import io.phyllome.host.storage.Volume;

/**
 * What a crash can leave behind, and its repair: disks of creations interrupted before their VM
 * was defined, keys whose disk is gone, half-made exports and imports. Disks that are merely
 * unused are reported, never removed: they may be a user's data.
 */
@ProviderType
public interface CrashLeftovers {

    /**
     * @param interrupted volumes of interrupted creations that no VM uses: removed by {@link #clean()}
     * @param unused      other disks of the platform that no VM uses (kept on purpose, or their VM
     *                    was undefined outside the platform): never removed
     * @param orphanKeys  ids of keys whose disk is gone, other than those of {@code interrupted}
     * @param transfers   what interrupted exports and imports left outside the disk pool, in words;
     *                    removed by {@link #clean()}
     */
    record Report(List<Volume> interrupted, List<String> unused, List<String> orphanKeys, List<String> transfers) {

        public boolean isEmpty() {
            return interrupted.isEmpty() && unused.isEmpty() && orphanKeys.isEmpty() && transfers.isEmpty();
        }
    }

    /** Everything {@code disk:orphans} reports. */
    Report scan();

    /**
     * Removes the volumes of interrupted creations that no VM uses, with their keys, the keys whose
     * disk is gone, and the leftovers of interrupted transfers.
     *
     * @return what was found; all of it but {@code unused} is gone now
     */
    Report clean();

    /** The volumes' files, and whether each has a key; never a key itself. */
    static String describe(List<Volume> volumes) {
        return volumes.stream().map(v -> v.path() + (v.encrypted() ? " (with its key)" : "")).collect(Collectors.joining(", "));
    }
}
