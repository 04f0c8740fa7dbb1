package io.phyllome.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.phyllome.bench.platform.Results;

/**
 * Issue 8, part 3: a thousand VMs on one host. libvirt's test driver is in-memory and private
 * to each connection, so the count runs inside one platform process (and virsh gets the same
 * XML in one session of its own); the real daemon gets a slice with the real Linux profile.
 */
final class ScaleSuite {

    private final Context ctx;

    ScaleSuite(Context ctx) {
        this.ctx = ctx;
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        int n = ctx.sizes().scaleVms();
        int repeat = ctx.sizes().listRuns();
        Results r = InProcess.run(ctx, "scale", n, repeat);

        List<Double> creates = r.list("create");
        double perSecond = n / (Stats.sum(creates) / 1000);
        double virshPerSecond = n / (Stats.sum(r.list("virsh.define")) / 1000);
        int window = Math.max(1, Math.min(100, n / 10));
        rows.add(Row.info("C1", n + " VMs created on the test driver (`vm:create`, bench-bios profile)", perSecond, virshPerSecond,
                "`virsh define` of the same XML, one session", "VMs/s",
                String.format("first %d: %.1f ms each, last %d: %.1f ms each", window, Stats.median(creates.subList(0, window)), window,
                        Stats.median(creates.subList(n - window, n)))));
        double list = Stats.median(r.list("list"));
        double virshList = Stats.median(r.list("virsh.list"));
        rows.add(new Row("C2", "`vm:list` of " + n + " VMs, in the running platform", list, virshList, "`virsh list --all`, one session",
                "ms", "≤ 2× virsh", list <= 2 * virshList, "median of " + repeat));

        // one-shot, cold: the platform and virsh each read the same test-driver host file
        String uri = "test://" + r.text("node");
        List<String> oneShot = ctx.javaCommand(uri, "vm:list");
        List<String> virsh = Context.virsh(uri, "list", "--all");
        List<Double> mine = new ArrayList<>(), theirs = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(5, ctx.sizes().startupRuns())); i++) {
            mine.add(Proc.measure(oneShot, ctx.env(), ctx.scratch()).wallMs());
            theirs.add(Proc.measure(virsh, Map.of(), ctx.scratch()).wallMs());
        }
        rows.add(Row.info("C3", "one-shot `vm:list` of " + n + " VMs, JVM start to exit", Stats.median(mine), Stats.median(theirs),
                "`virsh list --all`, whole run", "ms", "both load the same test-driver host file"));

        // the same VMs held by a running service (the test driver keeps them in its process)
        List<Double> viaService = new ArrayList<>();
        try (ServiceProcess service = new ServiceProcess(ctx, ctx.work().resolve("scale-service"), uri)) {
            service.awaitReady();
            for (int i = 0; i < Math.max(1, Math.min(5, ctx.sizes().startupRuns())); i++) {
                viaService.add(service.client("vm:list").wallMs());
            }
        }
        double serviceList = Stats.median(viaService);
        rows.add(new Row("C6", "`./phyllome vm:list` of " + n + " VMs through the service, whole process", serviceList, Stats.median(theirs),
                "`virsh list --all`, whole run", "ms", "≤ 2× virsh", serviceList <= 2 * Stats.median(theirs),
                "the service on the same test-driver host file; the client's JVM is most of it (section 4, V1b)"));

        // the same VMs through the REST API of a running service (issue 15): one warm HTTP client
        try (RestLoad rest = new RestLoad(ctx, ctx.work().resolve("scale-rest"), uri)) {
            rest.latencies("/vms", 3); // the service's first answers load its classes
            List<Double> gets = rest.latencies("/vms", Math.max(20, repeat));
            double median = Stats.median(gets), p99 = Stats.percentile(gets, 99), virshRun = Stats.median(theirs);
            rows.add(new Row("C7", "`GET /api/v1/vms` of " + n + " VMs, median", median, virshRun, "`virsh list --all`, whole run", "ms",
                    "≤ 2× virsh", median <= 2 * virshRun, "one client, " + gets.size() + " requests, the service on the same host file"));
            rows.add(new Row("C8", "`GET /api/v1/vms` of " + n + " VMs, p99", p99, virshRun, "`virsh list --all`, whole run (median)", "ms",
                    "≤ 2× virsh", p99 <= 2 * virshRun, "nearest rank of " + gets.size()));
            String one = String.format("%s-%04d", ctx.tag(), n / 2);
            // a warm-up first: cold, the service's and the clients' first seconds on this path ran at a quarter of the rate
            int warmUp = ctx.smoke() ? 1 : 3;
            rest.throughput("/vms/" + one, 16, java.time.Duration.ofSeconds(warmUp));
            rows.add(Row.info("C9", "`GET /api/v1/vms/NAME` at 16 concurrent clients", rest.throughput("/vms/" + one, 16, java.time.Duration.ofSeconds(5)),
                    Double.NaN, "", "requests/s", "5 s after " + warmUp + " s of warm-up, every answer a 200, among " + n + " VMs"));
        }

        int warm = (int) r.get("warm");
        double heapPerVm = Stats.slope(r.list("heap.vms"), r.list("heap.kib"));
        double rssPerVm = (r.get("rss.after") - r.get("rss.before")) / (n - warm);
        double virshRssPerVm = (r.get("virsh.rss.after") - r.get("virsh.rss.before")) / n;
        rows.add(new Row("C4", "platform heap per VM (slope of the heap after full GCs, " + warm + " to " + n + " VMs)", heapPerVm, Double.NaN, "", "KiB",
                "a few KiB at most (≤ 4 KiB)", heapPerVm <= 4,
                String.format("heap in use %.1f MiB without VMs, %.1f with %d, %.1f with %d, %.1f after %d listings", r.get("heap.empty") / 1024,
                        r.get("heap.before") / 1024, warm, r.get("heap.after") / 1024, n, r.get("heap.afterlist") / 1024, repeat)));
        rows.add(Row.info("C5", "process resident memory per VM (test driver)", rssPerVm, virshRssPerVm, "virsh process, same domains", "KiB",
                "includes the Java heap grown by garbage while creating, and libvirt's test driver, which keeps its domains in the process that opened it"));

        int k = ctx.sizes().sliceVms();
        Results s = InProcess.run(ctx, "slice", k, repeat);
        rows.add(Row.info("D1", k + " VMs created on the system daemon (`vm:create`, linux profile)", 1000 / Stats.median(s.list("create")),
                1000 / Stats.median(s.list("virsh.define")), "`virsh define` of the same XML, one session", "VMs/s", "median per VM"));
        double sliceList = Stats.median(s.list("list"));
        double sliceVirsh = Stats.median(s.list("virsh.list"));
        rows.add(new Row("D2", "`vm:list` on the system daemon (" + (int) s.get("listed") + " VMs), in the running platform", sliceList, sliceVirsh,
                "`virsh list --all`, one session", "ms", "≤ 2× virsh", sliceList <= 2 * sliceVirsh, "median of " + repeat));
        rows.add(Row.info("D3", k + " VMs deleted on the system daemon (`vm:delete`)", 1000 / Stats.median(s.list("delete")),
                1000 / Stats.median(s.list("virsh.undefine")), "`virsh undefine --nvram`, one session", "VMs/s", "median per VM"));
        int sliceWarm = (int) s.get("warm");
        double sliceHeap = Stats.slope(s.list("heap.vms"), s.list("heap.kib"));
        rows.add(new Row("D4", "platform heap per VM on the system daemon (slope, " + sliceWarm + " to " + k + " VMs)", sliceHeap, Double.NaN, "", "KiB",
                "a few KiB at most (≤ 4 KiB)", sliceHeap <= 4, String.format("libvirt's state is in the daemon; the process's resident memory grew"
                        + " %+.0f KiB per VM, heap the JVM took for garbage before collecting it", (s.get("rss.after") - s.get("rss.before")) / (k - sliceWarm))));
        return rows;
    }
}
