package io.phyllome.bench.platform;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import io.phyllome.bench.profile.BenchProfile;
import io.phyllome.bench.profile.ProfileBundle;

/**
 * A JVM that holds the platform in-process (with the launcher's JVM options) and measures it
 * from inside, side by side with virsh on the same libvirt: {@code provisioning} (create, start,
 * stop, delete), {@code scale} (a thousand VMs on libvirt's test driver) and {@code slice} (the
 * scale measurements on the real daemon, fewer VMs). Writes its figures to a properties file.
 *
 * <p>Usage: {@code PlatformRunner SUITE JAR WORK TAG COUNT REPEAT OUT}
 */
public final class PlatformRunner {

    static final String SYSTEM_URI = "qemu:///system";
    static final String TEST_URI = "test:///default";
    private static final String CREATE = "vm:create --memory 256M --cpus 1 --disk none ";

    private final Path jar;
    private final Path work;
    private final String tag;
    private final int count;
    private final int repeat;

    private PlatformRunner(Path jar, Path work, String tag, int count, int repeat) {
        this.jar = jar;
        this.work = work;
        this.tag = tag;
        this.count = count;
        this.repeat = repeat;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: PlatformRunner provisioning|scale|slice JAR WORK TAG COUNT REPEAT OUT");
            System.exit(2);
        }
        PlatformRunner runner = new PlatformRunner(Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        int status = 0;
        try {
            Results results = switch (args[0]) {
                case "provisioning" -> runner.provisioning();
                case "scale" -> runner.scale();
                case "slice" -> runner.slice();
                default -> throw new IllegalArgumentException("unknown suite " + args[0]);
            };
            results.write(Path.of(args[6]));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // the framework's threads would keep the JVM alive after a failure
        System.exit(status);
    }

    private EmbeddedPlatform platform(String uri, List<Path> extraBundles) throws Exception {
        Path state = work.resolve("state");
        Files.createDirectories(state);
        Map<String, String> properties = new HashMap<>();
        properties.put("phyllome.state.dir", state.toString());
        if (uri != null) {
            properties.put("phyllome.libvirt.uri", uri);
        }
        return EmbeddedPlatform.start(jar, work.resolve("felix"), properties, extraBundles);
    }

    // ---------------------------------------------------------------- provisioning

    /** How long a VM runs before it is stopped, so both tools stop a guest in the same phase of its firmware. */
    private static final long RUN_MS = 1000;

    /**
     * {@code count} cycles of create, start, stop (power off) and delete of the same small VM,
     * by the platform's shell and by virsh on the domain XML the platform produced, alternating
     * which goes first; the VM runs {@value #RUN_MS} ms before it is stopped. One unmeasured
     * cycle of each warms up both.
     */
    private Results provisioning() throws Exception {
        Results results = new Results();
        Path xmlDir = work.resolve("xml");
        Files.createDirectories(xmlDir);
        String[] ops = { "create", "start", "stop", "delete" };
        Map<String, List<Double>> mine = new HashMap<>(), virsh = new HashMap<>(), virshCli = new HashMap<>();
        for (String op : ops) {
            mine.put(op, new ArrayList<>());
            virsh.put(op, new ArrayList<>());
            virshCli.put(op, new ArrayList<>());
        }
        try (EmbeddedPlatform platform = platform(null, List.of())) {
            Shell shell = platform.shell();
            shell.run("vm:list");
            String template = template(shell, tag + "-pw", "linux");
            for (int c = -1; c < count; c++) { // cycle -1 warms up, unmeasured
                String suffix = c < 0 ? "w" : Integer.toString(c);
                double[][] cycle = new double[3][];
                Runnable platformCycle = () -> cycle[0] = platformCycle(shell, tag + "-p" + suffix);
                Runnable virshCycle = () -> {
                    String name = tag + "-v" + suffix;
                    try {
                        Path file = xmlDir.resolve(name + ".xml");
                        Files.writeString(file, template.replace("@NAME@", name), StandardCharsets.UTF_8);
                        cycle[1] = virshCycle(file, name);
                        String cli = name + "c";
                        Path cliFile = xmlDir.resolve(cli + ".xml");
                        Files.writeString(cliFile, template.replace("@NAME@", cli), StandardCharsets.UTF_8);
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
                    for (int i = 0; i < ops.length; i++) {
                        mine.get(ops[i]).add(cycle[0][i]);
                        virsh.get(ops[i]).add(cycle[1][i]);
                        virshCli.get(ops[i]).add(cycle[2][i]);
                    }
                }
            }
        }
        for (String op : ops) {
            results.put("platform." + op, mine.get(op)).put("virsh." + op, virsh.get(op)).put("virshcli." + op, virshCli.get(op));
        }
        results.put("run.ms", RUN_MS);
        return results;
    }

    private static double[] platformCycle(Shell shell, String name) {
        double[] t = new double[4];
        String[] lines = { CREATE + "linux " + name, "vm:start " + name, "vm:stop " + name, "vm:delete " + name };
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
        List<Double> times = new ArrayList<>(Virsh.session(SYSTEM_URI, List.of("define " + file, "start " + name), work.resolve("tmp")).times());
        Thread.sleep(RUN_MS);
        times.addAll(Virsh.session(SYSTEM_URI, List.of("destroy " + name, "undefine --nvram " + name), work.resolve("tmp")).times());
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The same four operations, one virsh process each, as a user types them. */
    private double[] virshCliCycle(Path file, String name) throws Exception {
        List<List<String>> commands = List.of(List.of("define", file.toString()), List.of("start", name), List.of("destroy", name),
                List.of("undefine", "--nvram", name));
        double[] t = new double[4];
        for (int i = 0; i < commands.size(); i++) {
            if (i == 2) {
                Thread.sleep(RUN_MS);
            }
            List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", SYSTEM_URI));
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

    /**
     * The domain XML the platform produces for a VM of {@code profile}, as libvirt stores it,
     * with {@code @NAME@} for its name and without its UUID and MAC (libvirt makes new ones).
     */
    private static String template(Shell shell, String name, String profile) throws Exception {
        shell.run(CREATE + profile + " " + name);
        try {
            String xml = shell.run("vm:xml " + name);
            return xml.replace(name, "@NAME@").replaceAll("(?m)^\\s*<uuid>[^<]*</uuid>\\s*\\n", "")
                    .replaceAll("(?m)^\\s*<mac address=[^>]*/>\\s*\\n", "");
        } finally {
            shell.run("vm:delete " + name);
        }
    }

    // ---------------------------------------------------------------- scale

    /**
     * {@code count} VMs created through the shell on libvirt's test driver (in this process),
     * then {@code vm:list} {@code repeat} times; memory before and after; the same XML defined
     * and listed by one virsh session on its own fresh test driver; and a test-driver host file
     * with all the VMs, for the one-shot comparison the suite runs afterwards.
     */
    private Results scale() throws Exception {
        Results results = new Results();
        Path bundle = ProfileBundle.write(work.resolve("bench-profile.jar"));
        List<String> names = new ArrayList<>();
        Path xmlDir = work.resolve("scale-xml");
        Files.createDirectories(xmlDir);
        try (EmbeddedPlatform platform = platform(TEST_URI, List.of(bundle))) {
            Shell shell = platform.shell();
            shell.run("vm:list");
            results.put("heap.empty", heapAfterGc());
            createMeasured(shell, BenchProfile.ID, i -> String.format("%s-%04d", tag, i), names, results);
            results.put("list", listTimes(shell, count + 1));
            results.put("heap.afterlist", heapAfterGc());

            StringBuilder node = new StringBuilder("<node>\n");
            List<String> defines = new ArrayList<>();
            for (String name : names) {
                String xml = shell.run("vm:xml " + name);
                Path file = xmlDir.resolve(name + ".xml");
                Files.writeString(file, xml, StandardCharsets.UTF_8);
                defines.add("define " + file);
                node.append(xml.strip()).append('\n');
            }
            node.append("</node>\n");
            Path nodeFile = work.resolve("scale-host.xml");
            Files.writeString(nodeFile, node, StandardCharsets.UTF_8);
            results.text("node", nodeFile.toString());
        }
        List<String> virshCommands = new ArrayList<>(defines(names, xmlDir));
        virshCommands.addAll(Collections.nCopies(repeat, "list --all"));
        Virsh.Session full = Virsh.session(TEST_URI, virshCommands, work.resolve("tmp"));
        results.put("virsh.define", full.times().subList(0, count)).put("virsh.list", full.times().subList(count, count + repeat));
        results.put("virsh.rss.after", full.maxRssKiB());
        Virsh.Session empty = Virsh.session(TEST_URI, virshCommands.subList(count, count + repeat), work.resolve("tmp"));
        results.put("virsh.rss.before", empty.maxRssKiB());
        return results;
    }

    /**
     * Creates {@code count} VMs of {@code profile} through the shell, each name added to
     * {@code created} once it exists; stores each create's time ({@code create}) and the heap
     * sampled along the way ({@link HeapSamples}).
     */
    private void createMeasured(Shell shell, String profile, IntFunction<String> name, List<String> created, Results results) throws Exception {
        List<Double> creates = new ArrayList<>();
        HeapSamples heap = new HeapSamples(warmUp(), count);
        for (int i = 0; i < count; i++) {
            heap.sample(i, results);
            String vm = name.apply(i);
            long start = System.nanoTime();
            shell.run(CREATE + profile + " " + vm);
            creates.add((System.nanoTime() - start) / 1e6);
            created.add(vm);
        }
        results.put("create", creates);
        heap.sample(count, results);
        heap.store(results);
    }

    private static List<String> defines(List<String> names, Path xmlDir) {
        return names.stream().map(n -> "define " + xmlDir.resolve(n + ".xml")).toList();
    }

    // ---------------------------------------------------------------- slice

    /**
     * The scale measurements on the real daemon with the real Linux profile: {@code count} VMs
     * created, listed {@code repeat} times by the platform and by virsh, deleted; virsh defines
     * and undefines the same number from the platform's XML. Everything created is removed.
     */
    private Results slice() throws Exception {
        Results results = new Results();
        Path xmlDir = work.resolve("slice-xml");
        Files.createDirectories(xmlDir);
        List<String> created = new ArrayList<>();
        try (EmbeddedPlatform platform = platform(null, List.of())) {
            Shell shell = platform.shell();
            try {
                shell.run("vm:list");
                String template = template(shell, tag + "-lw", "linux");
                createMeasured(shell, "linux", i -> String.format("%s-l%03d", tag, i), created, results);
                // the system daemon's other VMs are listed too, and may come and go meanwhile
                results.put("listed", listed(shell.run("vm:list")));
                results.put("list", listTimes(shell, -1));

                results.put("virsh.list", Virsh.session(SYSTEM_URI, Collections.nCopies(repeat, "list --all"), work.resolve("tmp")).times());

                List<String> defines = new ArrayList<>(), undefines = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String name = String.format("%s-m%03d", tag, i);
                    Path file = xmlDir.resolve(name + ".xml");
                    Files.writeString(file, template.replace("@NAME@", name), StandardCharsets.UTF_8);
                    defines.add("define " + file);
                    undefines.add("undefine --nvram " + name);
                }
                List<String> both = new ArrayList<>(defines);
                both.addAll(undefines);
                List<Double> virshTimes = Virsh.session(SYSTEM_URI, both, work.resolve("tmp")).times();
                results.put("virsh.define", virshTimes.subList(0, count)).put("virsh.undefine", virshTimes.subList(count, 2 * count));

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

    private static final Pattern LINE = Pattern.compile("\n");

    /** The VMs vm:list's table shows: its lines below the header. */
    private static int listed(String out) {
        return out.isBlank() ? 0 : LINE.split(out.strip()).length - 1;
    }

    /** {@code repeat} timings of the shell's vm:list, checking it lists {@code expected} VMs (-1: any number). */
    private List<Double> listTimes(Shell shell, int expected) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            String out = shell.run("vm:list");
            times.add((System.nanoTime() - start) / 1e6);
            int lines = listed(out);
            if (expected >= 0 && lines != expected) {
                throw new IllegalStateException("vm:list listed " + lines + " VMs, expected " + expected + ":\n" + out);
            }
        }
        return times;
    }

    /**
     * After how many VMs the memory is first measured: the first fifth warms up what every
     * platform loads once (classes, caches of the shell and of libvirt-java), which is not
     * memory per VM.
     */
    private int warmUp() {
        return Math.min(count - 1, Math.max(1, count / 5));
    }

    /**
     * The heap in use after full collections at about ten points from {@code warm} VMs to
     * {@code count}: the slope over all of them (ScaleSuite) is the memory per VM, steadier
     * than the difference of two points, which moves by some hundred KiB from one collection
     * to the next. The resident set is read at the first and the last point.
     */
    private static final class HeapSamples {
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
    }

    /** Heap in use after full collections, in KiB. */
    private static double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization(); // libvirt-java frees its handles in finalizers
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0;
    }

    private static double rss() {
        return io.phyllome.bench.Proc.rssKiB(ProcessHandle.current().pid());
    }
}
