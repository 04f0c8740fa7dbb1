package io.phyllome.host.storage.internal;

/**
 * Deliberate crashes between the storage's steps, for the crash-safety tests only: the same
 * switch as host.core's FaultInjection ({@code -Dphyllome.fault.halt-at=disk.key-stored}), with
 * points named {@code disk.*}, {@code export.*} and {@code import.*}.
 */
final class FaultPoint {

    private FaultPoint() {
    }

    static void at(String name) {
        if (!name.equals(System.getProperty("phyllome.fault.halt-at"))) {
            return;
        }
        System.err.println("phyllome: fault injection: " + name + ": halting now");
        Runtime.getRuntime().halt(86); // as kill -9 would: no shutdown hooks, no finally
    }
}
