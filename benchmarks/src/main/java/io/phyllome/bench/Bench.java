package io.phyllome.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The benchmarks of issue 8: the platform side by side with virsh and virt-install, in one run
 * on this machine. Prints a table; with {@code --out FILE} also writes it as Markdown with the
 * machine and the date. {@code --smoke} runs everything once, tiny, and exits non-zero only when
 * a benchmark fails to run (never because of a figure).
 *
 * <pre>
 * Bench [--smoke] [--root DIR] [--work DIR] [--out FILE] [--only startup,provisioning,scale,service,boot,micro]
 * </pre>
 */
public final class Bench {

    private static final List<String> SUITES = List.of("startup", "provisioning", "scale", "service", "boot", "micro");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path work = null;
        Path out = null;
        Set<String> only = Set.copyOf(SUITES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: Bench [--smoke] [--root DIR] [--work DIR] [--out FILE] [--only " + String.join(",", SUITES) + "]");
                    System.exit(2);
                }
            }
        }
        for (String suite : only) {
            if (!SUITES.contains(suite)) {
                System.err.println("bench: unknown suite '" + suite + "'; the suites are " + SUITES);
                System.exit(2);
            }
        }
        if (work == null) {
            work = root.resolve("benchmarks/target/bench-run");
        }
        fresh(work);
        Context.createSearchable(work);
        String tag = "phb" + ProcessHandle.current().pid();
        Context ctx = new Context(root, work, work.resolve("state"), tag, smoke, smoke ? Context.Sizes.smoke() : Context.Sizes.full());
        Context.createSearchable(ctx.state());
        Runtime.getRuntime().addShutdownHook(new Thread(ctx::cleanUp, "bench-cleanup"));

        String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        String loadBefore = Machine.load();
        Map<String, String> machine = Machine.describe(ctx);
        System.out.println("bench: " + (smoke ? "smoke run" : "full run") + " of " + String.join(", ", SUITES.stream().filter(only::contains).toList())
                + " on " + machine.get("CPU") + "; load " + loadBefore);

        Map<String, Callable<List<Row>>> suites = new LinkedHashMap<>();
        suites.put("startup", () -> new StartupSuite(ctx).run());
        suites.put("provisioning", () -> new ProvisioningSuite(ctx).run());
        suites.put("scale", () -> new ScaleSuite(ctx).run());
        suites.put("service", () -> new ServiceSuite(ctx).run());
        suites.put("boot", () -> new BootSuite(ctx).run());
        suites.put("micro", () -> new MicroSuite(ctx).run());
        Map<String, String> titles = Map.of("startup", "1. Start-up", "provisioning", "2. Provisioning overhead", "scale", "3. Scale",
                "service", "4. The service (issue 14)", "boot", "5. Guest boot", "micro", "6. Micro-benchmarks (JMH)");

        List<Report.Section> sections = new ArrayList<>();
        int failures = 0;
        for (Map.Entry<String, Callable<List<Row>>> suite : suites.entrySet()) {
            if (!only.contains(suite.getKey())) {
                continue;
            }
            long start = System.nanoTime();
            System.out.println("bench: " + suite.getKey() + "...");
            try {
                sections.add(new Report.Section(titles.get(suite.getKey()), suite.getValue().call(), null));
            } catch (Exception | Error e) {
                failures++;
                System.err.println("bench: " + suite.getKey() + " failed:");
                e.printStackTrace();
                sections.add(new Report.Section(titles.get(suite.getKey()), List.of(), String.valueOf(e.getMessage())));
            } finally {
                ctx.cleanUp();
            }
            System.out.printf("bench: %s took %.0f s%n", suite.getKey(), (System.nanoTime() - start) / 1e9);
        }
        String loadAfter = Machine.load();
        System.out.print(Report.text(sections));
        System.out.println("\nload average " + loadBefore + " before, " + loadAfter + " after");
        if (out != null) {
            String sizes = String.format("%d start-up runs, %d provisioning cycles, %d VMs on the test driver, %d on the daemon, %d boots per device set",
                    ctx.sizes().startupRuns(), ctx.sizes().cycles(), ctx.sizes().scaleVms(), ctx.sizes().sliceVms(), ctx.sizes().bootRuns());
            Files.writeString(out, Report.markdown(sections, machine, date, loadBefore, loadAfter, sizes, notes()), StandardCharsets.UTF_8);
            System.out.println("bench: wrote " + out);
        }
        if (smoke) {
            System.out.println(failures == 0 ? "bench: smoke run passed (every benchmark ran once; figures are not judged)"
                    : "bench: smoke run FAILED: " + failures + " benchmark suite(s) did not run");
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The explanations under the table (method, and why targets are missed), kept beside the code. */
    private static String notes() throws IOException {
        try (InputStream in = Bench.class.getResourceAsStream("notes.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void fresh(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
