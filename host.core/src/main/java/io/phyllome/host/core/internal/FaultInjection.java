package io.phyllome.host.core.internal;

/**
 * Deliberate crashes, for the tests of crash repair only (distro's CrashRepairE2EIT). A point halts
 * the JVM at once, as a power cut or {@code kill -9} would, when its system property is exactly
 * {@code true}; nothing sets these properties except such a test's {@code -D} option.
 */
final class FaultInjection {

    /** Halts {@code vm:create} after its disks and keys exist and before the VM is defined. */
    static final String HALT_AFTER_DISKS = "phyllome.fault.halt-after-disks";

    /** The exit status of a halted platform. */
    static final int HALT_STATUS = 86;

    private FaultInjection() {
    }

    static void point(String property) {
        if ("true".equals(System.getProperty(property))) {
            System.err.println("phyllome: fault injection: " + property + ": halting now");
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
