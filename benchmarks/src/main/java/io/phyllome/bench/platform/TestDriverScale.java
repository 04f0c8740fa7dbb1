package io.phyllome.bench.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.phyllome.bench.profile.BenchProfile;
import io.phyllome.bench.profile.ProfileBundle;

/**
 * The {@code scale} suite: {@code count} VMs created through the shell on libvirt's test driver
 * (in this process), then {@code vm:list} {@code repeat} times; memory before and after; the
 * same XML defined and listed by one virsh session on its own fresh test driver; and a
 * test-driver host file with all the VMs, for the one-shot comparison the suite runs afterwards.
 */
record TestDriverScale(SuiteRun run) {

    Results measure() throws Exception {
        Results results = new Results();
        int count = run.count();
        int repeat = run.repeat();
        Path bundle = ProfileBundle.write(run.work().resolve("bench-profile.jar"));
        List<String> names = new ArrayList<>();
        Path xmlDir = run.work().resolve("scale-xml");
        Files.createDirectories(xmlDir);
        try (EmbeddedPlatform platform = run.platform(SuiteRun.TEST_URI, List.of(bundle))) {
            Shell shell = platform.shell();
            shell.run("vm:list");
            results.put("heap.empty", HeapSamples.heapAfterGc());
            run.createMeasured(shell, BenchProfile.ID, i -> String.format("%s-%04d", run.tag(), i), names, results);
            results.put("list", run.listTimes(shell, count + 1));
            results.put("heap.afterlist", HeapSamples.heapAfterGc());
            results.text("node", writeHostFile(shell, names, xmlDir).toString());
        }
        List<String> virshCommands = new ArrayList<>(names.stream().map(n -> "define " + xmlDir.resolve(n + ".xml")).toList());
        virshCommands.addAll(Collections.nCopies(repeat, "list --all"));
        Virsh.Session full = Virsh.session(SuiteRun.TEST_URI, virshCommands, run.scratch());
        results.put("virsh.define", full.times().subList(0, count)).put("virsh.list", full.times().subList(count, count + repeat));
        results.put("virsh.rss.after", full.maxRssKiB());
        Virsh.Session empty = Virsh.session(SuiteRun.TEST_URI, virshCommands.subList(count, count + repeat), run.scratch());
        results.put("virsh.rss.before", empty.maxRssKiB());
        return results;
    }

    /**
     * Writes each VM's domain XML to {@code xmlDir} (for virsh's defines) and all of them to one
     * test-driver host file, whose path it returns.
     */
    private Path writeHostFile(Shell shell, List<String> names, Path xmlDir) throws Exception {
        StringBuilder node = new StringBuilder("<node>\n");
        for (String name : names) {
            String xml = shell.run("vm:xml " + name);
            Files.writeString(xmlDir.resolve(name + ".xml"), xml, StandardCharsets.UTF_8);
            node.append(xml.strip()).append('\n');
        }
        node.append("</node>\n");
        Path nodeFile = run.work().resolve("scale-host.xml");
        Files.writeString(nodeFile, node, StandardCharsets.UTF_8);
        return nodeFile;
    }
}
