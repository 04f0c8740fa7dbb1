package io.phyllome.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * One suite's run in this JVM, as {@link PlatformRunner}'s command line gives it, and what the
 * suites measure alike: the embedded platform, the measured create loop, {@code vm:list}'s
 * timings and the template of the platform's domain XML.
 *
 * @param jar    the exported {@code phyllome.jar}
 * @param work   this run's directory (the platform's state, the XML handed to virsh)
 * @param tag    the prefix of every VM the run creates
 * @param count  how many VMs (or cycles) the suite makes
 * @param repeat how many times each listing is timed
 */
record SuiteRun(Path jar, Path work, String tag, int count, int repeat) {

    static final String SYSTEM_URI = "qemu:///system";
    static final String TEST_URI = "test:///default";
    static final String CREATE = "vm:create --memory 256M --cpus 1 --disk none ";

    private static final Pattern LINE = Pattern.compile("\n");

    /** Starts the platform on libvirt {@code uri} (null: its default) with {@code extraBundles} installed after its own. */
    EmbeddedPlatform platform(String uri, List<Path> extraBundles) throws Exception {
        Path state = work.resolve("state");
        Files.createDirectories(state);
        Map<String, String> properties = new HashMap<>();
        properties.put("phyllome.state.dir", state.toString());
        if (uri != null) {
            properties.put("phyllome.libvirt.uri", uri);
        }
        return EmbeddedPlatform.start(jar, work.resolve("felix"), properties, extraBundles);
    }

    /** Where virsh's session files go. */
    Path scratch() {
        return work.resolve("tmp");
    }

    /**
     * Creates {@code count} VMs of {@code profile} through the shell, each name added to
     * {@code created} once it exists; stores each create's time ({@code create}) and the heap
     * sampled along the way ({@link HeapSamples}).
     */
    void createMeasured(Shell shell, String profile, IntFunction<String> name, List<String> created, Results results) throws Exception {
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

    /**
     * After how many VMs the memory is first measured: the first fifth warms up what every
     * platform loads once (classes, caches of the shell and of libvirt-java), which is not
     * memory per VM.
     */
    private int warmUp() {
        return Math.min(count - 1, Math.max(1, count / 5));
    }

    /** {@code repeat} timings of the shell's vm:list, checking it lists {@code expected} VMs (-1: any number). */
    List<Double> listTimes(Shell shell, int expected) throws Exception {
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

    /** The VMs vm:list's table shows: its lines below the header. */
    static int listed(String out) {
        return out.isBlank() ? 0 : LINE.split(out.strip()).length - 1;
    }

    /**
     * The domain XML the platform produces for a VM of {@code profile}, as libvirt stores it,
     * with {@code @NAME@} for its name and without its UUID and MAC (libvirt makes new ones).
     */
    static String template(Shell shell, String name, String profile) throws Exception {
        shell.run(CREATE + profile + " " + name);
        try {
            String xml = shell.run("vm:xml " + name);
            return xml.replace(name, "@NAME@").replaceAll("(?m)^\\s*<uuid>[^<]*</uuid>\\s*\\n", "")
                    .replaceAll("(?m)^\\s*<mac address=[^>]*/>\\s*\\n", "");
        } finally {
            shell.run("vm:delete " + name);
        }
    }

    /** Writes {@link #template}'s {@code template} for the VM {@code name} to {@code dir/name.xml}, for virsh define. */
    static Path xmlFile(String template, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, template.replace("@NAME@", name), StandardCharsets.UTF_8);
        return file;
    }
}
