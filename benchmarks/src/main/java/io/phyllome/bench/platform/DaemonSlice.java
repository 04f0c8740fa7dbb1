package io.phyllome.bench.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code slice} suite: the scale measurements on the real daemon with the real Linux
 * profile. {@code count} VMs created, listed {@code repeat} times by the platform and by virsh,
 * deleted; virsh defines and undefines the same number from the platform's XML. Everything
 * created is removed.
 */
record DaemonSlice(SuiteRun run) {

    Results measure() throws Exception {
        Results results = new Results();
        List<String> created = new ArrayList<>();
        try (EmbeddedPlatform platform = run.platform(null, List.of())) {
            Shell shell = platform.shell();
            try {
                shell.run("vm:list");
                String template = SuiteRun.template(shell, run.tag() + "-lw", "linux");
                run.createMeasured(shell, "linux", i -> String.format("%s-l%03d", run.tag(), i), created, results);
                // the system daemon's other VMs are listed too, and may come and go meanwhile
                results.put("listed", SuiteRun.listed(shell.run("vm:list")));
                results.put("list", run.listTimes(shell, -1));

                results.put("virsh.list", Virsh.session(SuiteRun.SYSTEM_URI, Collections.nCopies(run.repeat(), "list --all"), run.scratch()).times());
                virshDefineUndefine(template, results);

                List<Double> deletes = new ArrayList<>();
                for (String name : List.copyOf(created)) {
                    long start = System.nanoTime();
                    shell.run("vm:delete " + name);
                    deletes.add((System.nanoTime() - start) / 1e6);
                    created.remove(name);
                }
                results.put("delete", deletes);
            } finally {
                for (String name : created) {
                    try {
                        shell.run("vm:delete " + name);
                    } catch (Exception e) {
                        System.err.println("bench: cannot delete " + name + ": " + e.getMessage());
                    }
                }
            }
        }
        return results;
    }

    /** {@code count} VMs of the platform's {@code template} defined, then undefined, in one virsh session. */
    private void virshDefineUndefine(String template, Results results) throws Exception {
        int count = run.count();
        Path xmlDir = run.work().resolve("slice-xml");
        Files.createDirectories(xmlDir);
        List<String> defines = new ArrayList<>(), undefines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-m%03d", run.tag(), i);
            Path file = SuiteRun.xmlFile(template, xmlDir, name);
            defines.add("define " + file);
            undefines.add("undefine --nvram " + name);
        }
        List<String> both = new ArrayList<>(defines);
        both.addAll(undefines);
        List<Double> virshTimes = Virsh.session(SuiteRun.SYSTEM_URI, both, run.scratch()).times();
        results.put("virsh.define", virshTimes.subList(0, count)).put("virsh.undefine", virshTimes.subList(count, 2 * count));
    }
}
