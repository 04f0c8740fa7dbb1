package io.phyllome.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.phyllome.bench.jmh.DeviceSetBenchmark;
import io.phyllome.bench.jmh.DomainXmlBenchmark;

/**
 * Issue 8, part 5: JMH micro-benchmarks of device-set resolution and domain XML rendering, in a
 * forked JVM with the platform's JVM options (C1 only, as the launcher runs it). The smoke run
 * does one short iteration in this JVM.
 */
final class MicroSuite {

    private static final String[][] BENCHMARKS = { { "DeviceSetBenchmark.linux", "device set: linux profile" },
            { "DeviceSetBenchmark.windows11", "device set: windows-11 profile" },
            { "DomainXmlBenchmark.renderLinux", "domain XML: map + render, linux VM" },
            { "DomainXmlBenchmark.renderWindows11", "domain XML: map + render, windows-11 VM" },
            { "DomainXmlBenchmark.readLinux", "domain XML: read libvirt's XML of a linux VM back (per VM in vm:list)" } };

    private final Context ctx;

    MicroSuite(Context ctx) {
        this.ctx = ctx;
    }

    List<Row> run() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(DeviceSetBenchmark.class.getName() + ".*")
                .include(DomainXmlBenchmark.class.getName() + ".*").shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        if (ctx.smoke()) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvm(InProcess.javaBinary()).jvmArgs(ctx.platformJvmOptions().toArray(String[]::new));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        int i = 1;
        for (String[] benchmark : BENCHMARKS) {
            RunResult run = results.stream().filter(r -> r.getParams().getBenchmark().endsWith(benchmark[0])).findFirst()
                    .orElseThrow(() -> new IllegalStateException("JMH did not run " + benchmark[0]));
            Result<?> score = run.getPrimaryResult();
            rows.add(Row.info("M" + i++, benchmark[1], score.getScore(), Double.NaN, "", "µs/op",
                    Double.isNaN(score.getScoreError()) ? "JMH " + benchmark[0] : String.format("± %.2f (99.9 %%), JMH %s", score.getScoreError(), benchmark[0])));
        }
        return rows;
    }
}
