package io.phyllome.bench.platform;

import java.nio.file.Path;

/**
 * A JVM that holds the platform in-process (with the launcher's JVM options) and measures it
 * from inside, side by side with virsh on the same libvirt: {@code provisioning} (create, start,
 * stop, delete; {@link ProvisioningCycles}), {@code scale} (a thousand VMs on libvirt's test
 * driver; {@link TestDriverScale}) and {@code slice} (the scale measurements on the real daemon,
 * fewer VMs; {@link DaemonSlice}). Writes its figures to a properties file.
 *
 * <p>Usage: {@code PlatformRunner SUITE JAR WORK TAG COUNT REPEAT OUT}
 */
public final class PlatformRunner {

    private PlatformRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: PlatformRunner provisioning|scale|slice JAR WORK TAG COUNT REPEAT OUT");
            System.exit(2);
        }
        SuiteRun run = new SuiteRun(Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        int status = 0;
        try {
            Results results = switch (args[0]) {
                case "provisioning" -> new ProvisioningCycles(run).measure();
                case "scale" -> new TestDriverScale(run).measure();
                case "slice" -> new DaemonSlice(run).measure();
                default -> throw new IllegalArgumentException("unknown suite " + args[0]);
            };
            results.write(Path.of(args[6]));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // the framework's threads would keep the JVM alive after a failure
        System.exit(status);
    }
}
