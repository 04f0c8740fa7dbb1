package io.phyllome.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: hardware, software versions, load. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe(Context ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " logical CPUs, "
                + (kvmFlag() ? "hardware virtualization advertised" : "no vmx/svm: guests run under TCG"));
        m.put("memory", meminfo("MemTotal") / 1024 / 1024 + " GiB");
        m.put("OS", firstLine(Path.of("/etc/debian_version"), "?").isEmpty() ? "?" : "Debian " + firstLine(Path.of("/etc/debian_version"), "?")
                + ", kernel " + command(ctx, "uname", "-r"));
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("libvirt / QEMU", command(ctx, "virsh", "-c", Context.SYSTEM_URI, "version", "--daemon").lines()
                .filter(l -> l.contains("Using library") || l.contains("Running hypervisor")).map(l -> l.replaceAll(".*: ", ""))
                .reduce((a, b) -> a + " / " + b).orElse("?"));
        m.put("virt-install", command(ctx, "virt-install", "--version"));
        m.put("platform", command(ctx, "git", "-C", ctx.root().toString(), "describe", "--always", "--dirty") + " (git)");
        return m;
    }

    /** The 1-minute load average: others' work on a shared machine shows here. */
    static String load() {
        return firstLine(Path.of("/proc/loadavg"), "?").replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean kvmFlag() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\bflags\\s*:.*\\b(vmx|svm)\\b.*");
        } catch (IOException e) {
            return false;
        }
    }

    private static long meminfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String firstLine(Path file, String otherwise) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse(otherwise).strip();
        } catch (IOException e) {
            return otherwise;
        }
    }

    private static String command(Context ctx, String... command) {
        Proc.Result r = Proc.run(List.of(command), Map.of(), null, ctx.scratch(), Duration.ofSeconds(30), false);
        return r.exit() == 0 ? r.out().strip() : "?";
    }
}
