package io.phyllome.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;

/** Device-set resolution: a profile fills the neutral builder for one VM on this host. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeviceSetBenchmark {

    @Benchmark
    public DeviceSet linux() {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        Fixtures.LINUX.contribute(Fixtures.context(Fixtures.LINUX_SPEC), devices);
        return devices.build();
    }

    @Benchmark
    public DeviceSet windows11() {
        DeviceSetBuilder devices = new DeviceSetBuilder();
        Fixtures.WINDOWS_11.contribute(Fixtures.context(Fixtures.WINDOWS_SPEC), devices);
        return devices.build();
    }
}
