package io.phyllome.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.phyllome.bench.platform.PlatformRunner;
import io.phyllome.bench.platform.Results;

/** Runs one {@link PlatformRunner} suite in a JVM of its own, with the launcher's JVM options. */
final class InProcess {

    private InProcess() {
    }

    static Results run(Context ctx, String suite, int count, int repeat) throws Exception {
        Path work = ctx.dir(suite);
        Path out = work.resolve("results.properties");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(ctx.platformJvmOptions());
        // full collections clear every soft reference (caches of the JDK and of libraries), so
        // that the heap measured after them is what the platform holds, not what a cache kept
        command.add("-XX:SoftRefLRUPolicyMSPerMB=0");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlatformRunner.class.getName(), suite, ctx.jar().toString(),
                work.toString(), ctx.tag(), Integer.toString(count), Integer.toString(repeat), out.toString()));
        Proc.Result r = Proc.run(command, Map.of(), null, ctx.scratch(), Duration.ofMinutes(30), false);
        if (r.exit() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("the " + suite + " run failed (exit " + r.exit() + "): " + tail(r.err() + r.out()));
        }
        return Results.read(out);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 25), lines.length));
    }
}
