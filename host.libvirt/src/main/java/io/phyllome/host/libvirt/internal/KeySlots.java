package io.phyllome.host.libvirt.internal;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.libvirt.LibvirtException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.vm.VmException;

/**
 * Replaces the key of a LUKS-encrypted qcow2 node that a running QEMU holds open, through its
 * monitor: a secret object with the new key, a key slot for it ({@code x-blockdev-amend}, a
 * QEMU job), then the old key's slot erased. The key appears in no message.
 */
final class KeySlots {

    /** A QEMU monitor: one QMP command in, QEMU's reply out. */
    @FunctionalInterface
    interface Monitor {
        String execute(String command) throws LibvirtException;
    }

    static final String NEW_KEY_ID = "phyllome-new-key";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    /** QEMU's LUKS benchmark sometimes cannot measure CPU time on this kernel; trying again works. */
    private static final String BENCHMARK_FAILURE = "Unable to get accurate CPU usage";
    private static final int ATTEMPTS = 30;

    private KeySlots() {
    }

    /**
     * @param node      the qcow2 node, as QEMU names it
     * @param oldSecret the id of the secret object that opened the node, whose slot is erased
     */
    static void replaceKey(Monitor monitor, String node, String oldSecret, byte[] newKey) throws LibvirtException {
        addSecret(monitor, newKey);
        amend(monitor, node, "phyllome-add-key", Qmp.object().put("state", "active").put("new-secret", NEW_KEY_ID));
        amend(monitor, node, "phyllome-erase-key", Qmp.object().put("state", "inactive").put("old-secret", oldSecret));
    }

    /** Gives QEMU the new key as a secret object: Base64, so the key's bytes arrive exactly, whatever they are. */
    private static void addSecret(Monitor monitor, byte[] key) throws LibvirtException {
        ObjectNode secret = Qmp.object().put("qom-type", "secret").put("id", NEW_KEY_ID)
                .put("format", "base64").put("data", Base64.getEncoder().encodeToString(key));
        Qmp.result(monitor.execute(Qmp.command("object-add", secret)), "object-add of the new key");
    }

    /** Runs one key slot change as a QEMU job, again while QEMU's key benchmark fails. */
    private static void amend(Monitor monitor, String node, String job, ObjectNode slotChange) throws LibvirtException {
        ObjectNode options = Qmp.object().put("driver", "qcow2");
        options.set("encrypt", Qmp.object().put("format", "luks").setAll(slotChange));
        ObjectNode arguments = Qmp.object().put("job-id", job).put("node-name", node);
        arguments.set("options", options);
        String command = Qmp.command("x-blockdev-amend", arguments);
        for (int attempt = 1;; attempt++) {
            Qmp.result(monitor.execute(command), "x-blockdev-amend " + job);
            String error = awaitJob(monitor, job);
            if (error.isEmpty()) {
                return;
            }
            if (!error.contains(BENCHMARK_FAILURE) || attempt == ATTEMPTS) {
                throw new VmException("QEMU could not change the copy's key slots: " + error);
            }
        }
    }

    /** Waits for a job to conclude, dismisses it and returns its error, empty on success. */
    private static String awaitJob(Monitor monitor, String job) throws LibvirtException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Qmp.Job> state = Qmp.job(monitor.execute(Qmp.command("query-jobs")), job);
            if (state.isPresent() && state.get().concluded()) {
                Qmp.result(monitor.execute(Qmp.command("job-dismiss", Qmp.object().put("id", job))), "job-dismiss " + job);
                return state.get().error();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VmException("interrupted while QEMU changed a disk's key slots");
            }
        }
        throw new VmException("QEMU did not change the copy's key slots within " + JOB_TIMEOUT.toMinutes() + " minutes");
    }
}
