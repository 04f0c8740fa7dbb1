package io.phyllome.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 14: the platform as a service. {@code ./phyllome COMMAND} through the running service
 * (the thin client: a small JVM, no framework) against virsh and virt-install, whole process
 * each; where a client's time goes (JVM start, against the round trip through the service); the
 * service's ready time and idle memory; and a command on the embedded driver.
 */
final class ServiceSuite {

    private static final long IDLE_MS = 2000;

    private final Context ctx;

    ServiceSuite(Context ctx) {
        this.ctx = ctx;
    }

    List<Row> run() throws Exception {
        int runs = ctx.sizes().startupRuns();
        List<Double> ready = new ArrayList<>(), idle = new ArrayList<>();
        List<Double> list = new ArrayList<>(), listCpu = new ArrayList<>(), virsh = new ArrayList<>(), clientFloor = new ArrayList<>();
        List<Double> create = new ArrayList<>(), virtInstall = new ArrayList<>(), jvm = new ArrayList<>(), roundTrip = new ArrayList<>();
        Path client = ctx.root().resolve("distro/target/phyllome-client.jar");
        // the client's own java command, aimed at no socket: JVM start and the client's classes, no service
        List<String> floor = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-Dphyllome.control.socket=" + ctx.work().resolve("no-service.sock"), "-cp", client.toString(), "io.phyllome.host.client.Main", "vm:list");
        List<String> bareJvm = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-version");
        List<String> virshList = Context.virsh(Context.SYSTEM_URI, "list", "--all");

        for (int i = 0; i < Math.max(1, Math.min(3, runs)); i++) {
            try (ServiceProcess service = new ServiceProcess(ctx, ctx.work().resolve("service-" + i), Context.SYSTEM_URI)) {
                ready.add(service.awaitReady());
                Thread.sleep(IDLE_MS);
                idle.add(service.rssMiB());
                if (i > 0) {
                    continue; // start-up figures only
                }
                for (int r = 0; r < runs; r++) {
                    Proc.Result l = service.client("vm:list");
                    list.add(l.wallMs());
                    listCpu.add(l.cpuMs());
                    virsh.add(Proc.measure(virshList, Map.of(), ctx.scratch()).wallMs());
                    roundTrip.add(service.roundTrip("vm:list"));
                    clientFloor.add(Proc.run(floor, Map.of(), null, ctx.scratch(), java.time.Duration.ofMinutes(1), true).wallMs());
                    jvm.add(Proc.measure(bareJvm, Map.of(), ctx.scratch()).wallMs());
                    String vm = ctx.tag() + "-v" + r;
                    try {
                        create.add(service.client("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "none", "linux", vm).wallMs());
                    } finally {
                        Proc.run(Context.virsh(Context.SYSTEM_URI, "undefine", "--nvram", vm), Map.of(), null, ctx.scratch(), java.time.Duration.ofMinutes(1), false);
                    }
                    virtInstall.add(Proc.measure(StartupSuite.virtInstall(vm), Map.of(), ctx.scratch()).wallMs());
                }
            }
        }
        List<Double> hostInfo = new ArrayList<>(), hostInfoTrip = new ArrayList<>();
        Path embedded = ctx.work().resolve("service-embedded");
        double embeddedReady, firstHostInfo;
        try (ServiceProcess service = new ServiceProcess(ctx, embedded, "qemu:///embed?root=" + embedded.resolve("libvirt"))) {
            embeddedReady = service.awaitReady();
            firstHostInfo = service.client("host:info").wallMs(); // the embedded driver's first capability probe
            for (int r = 0; r < runs; r++) {
                hostInfo.add(service.client("host:info").wallMs());
                hostInfoTrip.add(service.roundTrip("host:info"));
            }
        }

        double listMs = Stats.median(list), virshMs = Stats.median(virsh), floorMs = Stats.median(clientFloor);
        double createMs = Stats.median(create), virtInstallMs = Stats.median(virtInstall);
        double readyMs = Stats.median(ready), idleMiB = Stats.median(idle), hostInfoMs = Stats.median(hostInfo);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("V1", "`./phyllome vm:list` through the service, whole process", listMs, virshMs, "`virsh list --all`, whole run", "ms",
                "≤ 2× virsh", listMs <= 2 * virshMs, String.format("median of %d; client CPU %.0f ms; its client JVM alone %.0f ms (V1b), the round trip alone %.1f ms (V1c)", runs,
                        Stats.median(listCpu), floorMs, Stats.median(roundTrip))));
        rows.add(Row.info("V1b", "the thin client's floor: its JVM and classes, no service (exits 125)", floorMs, Stats.median(jvm),
                "`java -version`, same JVM options", "ms", "what every client command pays before it reaches the socket"));
        rows.add(Row.info("V1c", "`vm:list` through the control socket alone (hello, command, output, exit), from a running JVM",
                Stats.median(roundTrip), virshMs, "`virsh list --all`, whole run", "ms", "the service's share of V1, with no client JVM to start"));
        rows.add(new Row("V2", "`./phyllome vm:create` through the service (linux profile, 256 MiB, 1 CPU, no disk)", createMs, virtInstallMs,
                "`virt-install --print-xml` (same VM, prints only)", "ms", "≤ 0.3× virt-install", createMs <= 0.3 * virtInstallMs,
                "defined on the system daemon, removed after each run; median of " + runs));
        rows.add(new Row("V3", "service ready: `./phyllome serve` to socket listening and libvirt connected", readyMs / 1000, Double.NaN, "", "s",
                "≤ 1 s", readyMs <= 1000, "system daemon; median of " + ready.size() + " starts; embedded driver: " + Math.round(embeddedReady) + " ms"));
        rows.add(new Row("V4", "resident memory of the idle service, " + IDLE_MS / 1000 + " s after ready", idleMiB, Double.NaN, "", "MiB", "≤ 128 MiB",
                idleMiB <= 128, "VmRSS from /proc"));
        rows.add(new Row("V5", "`./phyllome host:info` through the service on the embedded driver, whole process", hostInfoMs / 1000, Double.NaN, "",
                "s", "≤ 0.2 s", hostInfoMs <= 200, "no libvirt daemon; median of " + runs + String.format("; the first, with the driver's first capability probe: %.2f s;"
                        + " through the socket alone: %.0f ms", firstHostInfo / 1000, Stats.median(hostInfoTrip))));
        return rows;
    }
}
