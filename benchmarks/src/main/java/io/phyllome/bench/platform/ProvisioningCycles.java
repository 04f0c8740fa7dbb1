package io.phyllome.bench.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code provisioning} suite: {@code count} cycles of create, start, stop (power off) and
 * delete of the same small VM, by the platform's shell and by virsh on the domain XML the
 * platform produced, alternating which goes first; the VM runs {@value #RUN_MS} ms before it is
 * stopped. One unmeasured cycle of each warms up both.
 */
record ProvisioningCycles(SuiteRun run) {

    /** How long a VM runs before it is stopped, so both tools stop a guest in the same phase of its firmware. */
    private static final long RUN_MS = 1000;
    private static final String[] OPS = { "create", "start", "stop", "delete" };

    Results measure() throws Exception {
        Results results = new Results();
        Path xmlDir = run.work().resolve("xml");
        Files.createDirectories(xmlDir);
        Map<String, List<Double>> mine = new HashMap<>(), virsh = new HashMap<>(), virshCli = new HashMap<>();
        for (String op : OPS) {
            mine.put(op, new ArrayList<>());
            virsh.put(op, new ArrayList<>());
            virshCli.put(op, new ArrayList<>());
        }
        String tag = run.tag();
        try (EmbeddedPlatform platform = run.platform(null, List.of())) {
            Shell shell = platform.shell();
            shell.run("vm:list");
            String template = SuiteRun.template(shell, tag + "-pw", "linux");
            for (int c = -1; c < run.count(); c++) { // cycle -1 warms up, unmeasured
                String suffix = c < 0 ? "w" : Integer.toString(c);
                double[][] cycle = new double[3][];
                Runnable platformCycle = () -> cycle[0] = platformCycle(shell, tag + "-p" + suffix);
                Runnable virshCycle = () -> {
                    String name = tag + "-v" + suffix;
                    try {
                        Path file = SuiteRun.xmlFile(template, xmlDir, name);
                        cycle[1] = virshCycle(file, name);
                        String cli = name + "c";
                        Path cliFile = SuiteRun.xmlFile(template, xmlDir, cli);
                        cycle[2] = virshCliCycle(cliFile, cli);
                    } catch (Exception e) {
                        throw new IllegalStateException("virsh cycle of " + name + ": " + e.getMessage(), e);
                    }
                };
                if (c % 2 == 0) {
                    platformCycle.run();
                    virshCycle.run();
                } else {
                    virshCycle.run();
                    platformCycle.run();
                }
                if (c >= 0) {
                    for (int i = 0; i < OPS.length; i++) {
                        mine.get(OPS[i]).add(cycle[0][i]);
                        virsh.get(OPS[i]).add(cycle[1][i]);
                        virshCli.get(OPS[i]).add(cycle[2][i]);
                    }
                }
            }
        }
        for (String op : OPS) {
            results.put("platform." + op, mine.get(op)).put("virsh." + op, virsh.get(op)).put("virshcli." + op, virshCli.get(op));
        }
        results.put("run.ms", RUN_MS);
        return results;
    }

    private static double[] platformCycle(Shell shell, String name) {
        double[] t = new double[4];
        String[] lines = { SuiteRun.CREATE + "linux " + name, "vm:start " + name, "vm:stop " + name, "vm:delete " + name };
        int done = 0;
        try {
            for (int i = 0; i < lines.length; i++) {
                if (i == 2) {
                    Thread.sleep(RUN_MS);
                }
                long start = System.nanoTime();
                shell.run(lines[i]);
                t[i] = (System.nanoTime() - start) / 1e6;
                done = i + 1;
            }
            return t;
        } catch (Exception e) {
            if (done >= 1 && done < 4) {
                try {
                    shell.run("vm:delete " + name);
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new IllegalStateException("platform cycle of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The four operations in two virsh sessions (define and start; destroy and undefine), timed by virsh. */
    private double[] virshCycle(Path file, String name) throws Exception {
        List<Double> times = new ArrayList<>(Virsh.session(SuiteRun.SYSTEM_URI, List.of("define " + file, "start " + name), run.scratch()).times());
        Thread.sleep(RUN_MS);
        times.addAll(Virsh.session(SuiteRun.SYSTEM_URI, List.of("destroy " + name, "undefine --nvram " + name), run.scratch()).times());
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The same four operations, one virsh process each, as a user types them. */
    private static double[] virshCliCycle(Path file, String name) throws Exception {
        List<List<String>> commands = List.of(List.of("define", file.toString()), List.of("start", name), List.of("destroy", name),
                List.of("undefine", "--nvram", name));
        double[] t = new double[4];
        for (int i = 0; i < commands.size(); i++) {
            if (i == 2) {
                Thread.sleep(RUN_MS);
            }
            List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", SuiteRun.SYSTEM_URI));
            command.addAll(commands.get(i));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        return t;
    }
}
