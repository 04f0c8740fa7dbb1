package io.phyllome.bench.platform;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.phyllome.bench.Proc;

/**
 * The heap in use after full collections at about ten points from {@code warm} VMs to
 * {@code count}: the slope over all of them (ScaleSuite) is the memory per VM, steadier
 * than the difference of two points, which moves by some hundred KiB from one collection
 * to the next. The resident set is read at the first and the last point.
 */
final class HeapSamples {

    private final int warm;
    private final int count;
    private final int step;
    private final List<Double> vms = new ArrayList<>();
    private final List<Double> kib = new ArrayList<>();

    HeapSamples(int warm, int count) {
        this.warm = warm;
        this.count = count;
        this.step = Math.max(1, (count - warm) / 9);
    }

    void sample(int created, Results results) throws InterruptedException {
        if (created < warm || (created - warm) % step != 0 && created != count) {
            return;
        }
        if (vms.isEmpty()) {
            heapAfterGc(); // the first measurement's own set-up (the management beans) is not the platform's
        }
        vms.add((double) created);
        kib.add(heapAfterGc());
        if (created == warm) {
            results.put("heap.before", kib.get(kib.size() - 1)).put("rss.before", rss()).put("warm", warm);
        }
        if (created == count) {
            results.put("heap.after", kib.get(kib.size() - 1)).put("rss.after", rss());
        }
    }

    void store(Results results) {
        results.put("heap.vms", vms).put("heap.kib", kib);
    }

    /** Heap in use after full collections, in KiB. */
    static double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization(); // libvirt-java frees its handles in finalizers
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0;
    }

    private static double rss() {
        return Proc.rssKiB(ProcessHandle.current().pid());
    }
}
