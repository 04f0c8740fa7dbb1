package io.phyllome.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.phyllome.host.hypervisor.Domain;
import io.phyllome.host.hypervisor.DomainDefinition;
import io.phyllome.host.libvirt.internal.domain.DomainMapper;
import io.phyllome.host.libvirt.internal.domain.DomainReader;
import io.phyllome.host.vm.VmState;

/**
 * Domain XML: the typed model rendered by the StAX writer, as {@code vm:create} does, and a
 * domain read back from libvirt's XML (a {@code virsh dumpxml} of a VM the Linux profile
 * made), as {@code vm:list} does for every VM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DomainXmlBenchmark {

    private static final Path SERIAL = Path.of("/var/lib/phyllome/logs/vm.serial.log");

    private DomainDefinition linux;
    private DomainDefinition windows;
    private String linuxXml;

    @Setup
    public void setUp() {
        linux = Fixtures.definition(Fixtures.LINUX, Fixtures.LINUX_SPEC);
        windows = Fixtures.definition(Fixtures.WINDOWS_11, Fixtures.WINDOWS_SPEC);
        try (var in = DomainXmlBenchmark.class.getResourceAsStream("linux-dumpxml.xml")) {
            linuxXml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    public String renderLinux() {
        return DomainMapper.map(linux, false, "x86_64", "default", SERIAL).render();
    }

    @Benchmark
    public String renderWindows11() {
        return DomainMapper.map(windows, false, "x86_64", "default", SERIAL).render();
    }

    @Benchmark
    public Domain readLinux() {
        return DomainReader.read(linuxXml, VmState.SHUT_OFF);
    }
}
