package io.phyllome.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 8, part 1: the platform from {@code java -jar} to a ready shell, one-shot commands from
 * JVM start to exit, and resident memory; side by side with {@code virsh list --all} and
 * {@code virt-install --print-xml} for the same VM. Every measurement runs as a fresh process,
 * the platform's exactly as {@code ./phyllome} starts it; runs are interleaved.
 */
final class StartupSuite {

    /** How long the platform idles after start-up before its resident memory is read. */
    private static final long IDLE_MS = 2000;

    private final Context ctx;

    StartupSuite(Context ctx) {
        this.ctx = ctx;
    }

    List<Row> run() throws Exception {
        Map<String, String> env = ctx.env();
        Path scratch = ctx.scratch();
        // the launcher prepares the class data archive (once per build) before it prints anything
        long prepStart = System.nanoTime();
        List<String> interactive = ctx.javaCommand(null);
        double preparation = Stats.ms(System.nanoTime() - prepStart);
        List<String> list = ctx.javaCommand(null, "vm:list");
        List<String> profiles = ctx.javaCommand(null, "profile:list");
        List<String> script = List.of(ctx.root().resolve("phyllome").toString(), "vm:list");
        List<String> virshList = Context.virsh(Context.SYSTEM_URI, "list", "--all");

        List<Double> ready = new ArrayList<>(), idleRss = new ArrayList<>();
        List<Double> oneShot = new ArrayList<>(), oneShotRss = new ArrayList<>(), oneShotCpu = new ArrayList<>();
        List<Double> viaScript = new ArrayList<>();
        List<Double> virsh = new ArrayList<>(), virshRss = new ArrayList<>();
        List<Double> create = new ArrayList<>(), createRss = new ArrayList<>();
        List<Double> virtInstall = new ArrayList<>(), virtInstallRss = new ArrayList<>();
        List<Double> jvm = new ArrayList<>(), floor = new ArrayList<>();
        List<String> bareJvm = new ArrayList<>(interactive.subList(0, interactive.indexOf("-jar")));
        bareJvm.removeIf(a -> a.startsWith("-XX:SharedArchiveFile")); // the app archive belongs to the jar
        bareJvm.add("-version");

        int runs = ctx.sizes().startupRuns();
        for (int i = 0; i < runs; i++) {
            String vm = ctx.tag() + "-s" + i;
            List<Runnable> steps = new ArrayList<>();
            steps.add(() -> {
                double[] r = ready(interactive, env);
                ready.add(r[0]);
                idleRss.add(r[1]);
            });
            steps.add(() -> {
                Proc.Result r = Proc.measure(list, env, scratch);
                oneShot.add(r.wallMs());
                oneShotRss.add(r.maxRssKiB() / 1024.0);
                oneShotCpu.add(r.cpuMs());
            });
            if (!ctx.smoke()) {
                // the launcher script as users type it (not in the smoke run: inside `mvn verify`
                // the script would find the jar older than the sources and start a build)
                steps.add(() -> viaScript.add(Proc.measure(script, env, scratch).wallMs()));
            }
            steps.add(() -> {
                Proc.Result r = Proc.measure(virshList, Map.of(), scratch);
                virsh.add(r.wallMs());
                virshRss.add(r.maxRssKiB() / 1024.0);
            });
            steps.add(() -> {
                List<String> createCommand = ctx.javaCommand(null, "vm:create", "--memory", "256M", "--cpus", "1", "--disk", "none", "linux", vm);
                try {
                    Proc.Result r = Proc.measure(createCommand, env, scratch);
                    create.add(r.wallMs());
                    createRss.add(r.maxRssKiB() / 1024.0);
                } finally {
                    Proc.run(Context.virsh(Context.SYSTEM_URI, "undefine", "--nvram", vm), Map.of(), null, scratch, java.time.Duration.ofMinutes(1), false);
                }
            });
            steps.add(() -> {
                Proc.Result r = Proc.measure(virtInstall(vm), Map.of(), scratch);
                virtInstall.add(r.wallMs());
                virtInstallRss.add(r.maxRssKiB() / 1024.0);
            });
            steps.add(() -> jvm.add(Proc.measure(bareJvm, Map.of(), scratch).wallMs()));
            steps.add(() -> floor.add(Proc.measure(profiles, env, scratch).wallMs()));
            // rotate the order from run to run, so no step always follows the same one
            for (int s = 0; s < steps.size(); s++) {
                steps.get((s + i) % steps.size()).run();
            }
        }

        double readyS = Stats.median(ready) / 1000;
        double virshMs = Stats.median(virsh);
        double createMs = Stats.median(create);
        double virtInstallMs = Stats.median(virtInstall);
        double idle = Stats.median(idleRss);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("S1", "`java -jar` to shell ready, libvirt connected (first `vm:list` answered)", readyS, virshMs / 1000,
                "`virsh list --all`, whole run", "s", "≤ 0.8 s", readyS <= 0.8,
                "interactive platform, commands piped to its shell; median of " + runs));
        rows.add(Row.info("S2", "one-shot `vm:list`, JVM start to exit", Stats.median(oneShot), virshMs, "`virsh list --all`", "ms",
                "java command line of `./phyllome vm:list`; CPU " + Math.round(Stats.median(oneShotCpu)) + " ms"));
        if (!viaScript.isEmpty()) {
            rows.add(Row.info("S2b", "`./phyllome vm:list` (launcher script included)", Stats.median(viaScript), virshMs, "`virsh list --all`", "ms",
                    "the script checks packages and sources before it starts java"));
        }
        rows.add(new Row("S3", "one-shot `vm:create` from the linux profile (256 MiB, 1 CPU, no disk), JVM start to exit", createMs,
                virtInstallMs, "`virt-install --print-xml` (same VM, prints only)", "ms", "faster than virt-install --print-xml",
                createMs < virtInstallMs, "the platform's VM is defined on the system daemon (and removed after each run)"));
        rows.add(Row.info("S4", "empty JVM start to exit (`java -version`, the platform's JVM options)", Stats.median(jvm), Double.NaN, "", "ms",
                "the floor under any one-shot command of a Java platform"));
        rows.add(Row.info("S4b", "one-shot `profile:list`, JVM start to exit (the platform without libvirt)", Stats.median(floor), virtInstallMs,
                "`virt-install --print-xml`", "ms", "the floor under any one-shot command of this platform: JVM, Felix, its bundles and components"));
        rows.add(new Row("S5", "resident memory of the running platform, idle " + IDLE_MS / 1000 + " s after ready", idle, Double.NaN, "", "MiB",
                "≤ 128 MiB", idle <= 128, "VmRSS from /proc"));
        rows.add(Row.info("S6", "peak resident memory, one-shot `vm:list`", Stats.median(oneShotRss), Stats.median(virshRss), "`virsh list --all`",
                "MiB", "/usr/bin/time"));
        rows.add(Row.info("S7", "peak resident memory, one-shot `vm:create`", Stats.median(createRss), Stats.median(virtInstallRss),
                "`virt-install --print-xml`", "MiB", "/usr/bin/time"));
        rows.add(Row.info("S8", "first run after a build: the launcher records its class data archive", preparation / 1000, Double.NaN, "", "s",
                "once per jar: a few shell commands against libvirt's test driver, with -XX:ArchiveClassesAtExit"));
        return rows;
    }

    static List<String> virtInstall(String vm) {
        return List.of("virt-install", "--connect", Context.SYSTEM_URI, "--print-xml", "--name", vm, "--osinfo", "linux2022", "--virt-type", "qemu",
                "--memory", "256", "--vcpus", "1", "--disk", "none", "--boot", "uefi", "--import", "--noautoconsole");
    }

    /**
     * Starts the interactive platform, pipes {@code vm:list} and a marker to its shell, and
     * returns the time until the marker is echoed (ms) and the resident memory after an idle
     * pause (MiB). Then asks it to exit.
     */
    private double[] ready(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                OutputStream in = process.getOutputStream();
                in.write("vm:list\necho PHB-READY\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                AtomicLong seen = new AtomicLong(-1);
                Thread reader = new Thread(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null;) {
                            if (line.contains("PHB-READY")) {
                                seen.compareAndSet(-1, System.nanoTime());
                            }
                        }
                    } catch (IOException e) {
                        // the process went away: seen stays unset
                    }
                }, "bench-ready-reader");
                reader.setDaemon(true);
                reader.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (seen.get() < 0) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("the platform's shell did not answer within 60 s (exit "
                                + (process.isAlive() ? "none" : process.exitValue()) + ")");
                    }
                    Thread.sleep(1);
                }
                double readyMs = Stats.ms(seen.get() - start);
                Thread.sleep(IDLE_MS);
                long rss = Proc.rssKiB(process.pid());
                in.write("exit 0\n".getBytes(StandardCharsets.UTF_8));
                in.close();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the platform did not exit after 'exit 0'");
                }
                return new double[] { readyMs, rss / 1024.0 };
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the platform: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
