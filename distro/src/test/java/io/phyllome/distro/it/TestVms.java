package io.phyllome.distro.it;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The VMs a test made, named uniquely, and their removal with their disks and keys afterwards, also after a failure. */
final class TestVms {

    private final List<String> names = new CopyOnWriteArrayList<>();

    /** A new unique name with {@code prefix}, remembered for {@link #removeAll}. */
    String name(String prefix) {
        String name = TestGuest.uniqueName(prefix);
        names.add(name);
        return name;
    }

    /** Removes every VM named here, with its disks (in {@code disks}) and keys. */
    void removeAll(Path disks) {
        names.forEach(n -> Host.removeLeftovers(n, disks));
    }
}
