package io.phyllome.host.libvirt.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.device.DiskBus;
import io.phyllome.host.libvirt.internal.domain.DiskXml;
import io.phyllome.host.libvirt.internal.xml.Element;
import io.phyllome.host.libvirt.internal.xml.XmlReader;
import io.phyllome.host.libvirt.internal.xml.XmlWriter;
import io.phyllome.host.vm.VmException;

/**
 * Gives a copy of an encrypted disk a new key without the old one leaving libvirt: a transient,
 * paused domain opens the copy with the stored key, and QEMU's {@code x-blockdev-amend} adds a
 * LUKS key slot for the new key and then erases the slot of the old one.
 *
 * <p>The QMP commands and replies are JSON written and read by {@link Qmp}. The key travels
 * only over libvirt's socket to QEMU, Base64-encoded as QEMU's secret object takes any bytes,
 * and appears in no message.
 */
final class DiskRekey {

    private static final System.Logger LOG = System.getLogger(DiskRekey.class.getName());
    private static final int START_PAUSED = 1;
    private static final String NEW_KEY_ID = "phyllome-new-key";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    /** QEMU's LUKS benchmark sometimes cannot measure CPU time on this kernel; trying again works. */
    private static final String BENCHMARK_FAILURE = "Unable to get accurate CPU usage";
    private static final int ATTEMPTS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DiskRekey() {
    }

    /**
     * @param connections the connection now: the transient domain is stopped through a new one when
     *                    libvirt restarted meanwhile, or its paused QEMU would outlive the re-key
     */
    static void rekey(Supplier<? extends Connect> connections, String domainType, Path image, String secretUuid, byte[] newKey) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String name = "phyllome-rekey-" + HexFormat.of().formatHex(suffix);
        String xml = XmlWriter.render(Element.of("domain").attr("type", domainType)
                .add(Element.text("name", name))
                .add(Element.of("memory").attr("unit", "MiB").text("64"))
                .add(Element.of("os")
                        .add(Element.of("type").attr("arch", "x86_64").text("hvm")))
                .add(Element.of("devices")
                        .add(new DiskXml(false, image.toString(), "qcow2", DiskBus.VIRTIO, "vda", false, secretUuid, 0).toElement())));
        Domain domain;
        try {
            domain = connections.get().domainCreateXML(xml, START_PAUSED);
        } catch (LibvirtException e) {
            throw Errors.of("open the copy " + image + " to give it a new key", e);
        }
        try {
            String node = "libvirt-" + sourceIndex(domain.getXMLDesc(0)) + "-format";
            addSecret(domain, newKey);
            amend(domain, node, "phyllome-add-key", Qmp.object().put("state", "active").put("new-secret", NEW_KEY_ID));
            amend(domain, node, "phyllome-erase-key", Qmp.object().put("state", "inactive").put("old-secret", node + "-encryption-secret0"));
        } catch (LibvirtException e) {
            throw Errors.of("give the copy " + image + " a new key", e);
        } finally {
            try {
                destroy(domain, name, connections);
            } catch (LibvirtException | VmException e) {
                LOG.log(System.Logger.Level.WARNING, "the transient domain " + name + " that re-keyed " + image + " did not stop: "
                        + e.getMessage() + " (virsh destroy " + name + ")");
            }
        }
    }

    /** Stops the transient domain; by its name on the connection now, when the one it was made on is gone. */
    private static void destroy(Domain domain, String name, Supplier<? extends Connect> connections) throws LibvirtException {
        try {
            domain.destroy();
        } catch (LibvirtException e) {
            connections.get().domainLookupByName(name).destroy();
        }
    }

    /** libvirt's index of the domain's only disk source, which names its QEMU block nodes. */
    private static String sourceIndex(String liveXml) {
        NodeList sources = XmlReader.parse(liveXml, "the live domain XML").getDocumentElement().getElementsByTagName("source");
        for (int i = 0; i < sources.getLength(); i++) {
            String index = ((org.w3c.dom.Element) sources.item(i)).getAttribute("index");
            if (!index.isEmpty()) {
                return index;
            }
        }
        throw new VmException("libvirt did not name the disk's block node (it needs QEMU's -blockdev, libvirt 6.0 or later)");
    }

    /** Gives QEMU the new key as a secret object; the key's bytes exactly, whatever they are. */
    private static void addSecret(Domain domain, byte[] key) throws LibvirtException {
        ObjectNode secret = Qmp.object().put("qom-type", "secret").put("id", NEW_KEY_ID)
                .put("format", "base64").put("data", Base64.getEncoder().encodeToString(key));
        Qmp.result(monitor(domain, Qmp.command("object-add", secret)), "object-add of the new key");
    }

    /** Runs one key slot change as a QEMU job, again while QEMU's key benchmark fails. */
    private static void amend(Domain domain, String node, String job, ObjectNode slotChange) throws LibvirtException {
        ObjectNode options = Qmp.object().put("driver", "qcow2");
        options.set("encrypt", Qmp.object().put("format", "luks").setAll(slotChange));
        ObjectNode arguments = Qmp.object().put("job-id", job).put("node-name", node);
        arguments.set("options", options);
        String command = Qmp.command("x-blockdev-amend", arguments);
        for (int attempt = 1;; attempt++) {
            Qmp.result(monitor(domain, command), "x-blockdev-amend " + job);
            String error = awaitJob(domain, job);
            if (error.isEmpty()) {
                return;
            }
            if (!error.contains(BENCHMARK_FAILURE) || attempt == ATTEMPTS) {
                throw new VmException("QEMU could not change the copy's key slots: " + error);
            }
        }
    }

    /** Waits for a job to conclude, dismisses it and returns its error, empty on success. */
    private static String awaitJob(Domain domain, String job) throws LibvirtException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Qmp.Job> state = Qmp.job(monitor(domain, Qmp.command("query-jobs")), job);
            if (state.isPresent() && state.get().concluded()) {
                Qmp.result(monitor(domain, Qmp.command("job-dismiss", Qmp.object().put("id", job))), "job-dismiss " + job);
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

    private static String monitor(Domain domain, String command) throws LibvirtException {
        return domain.qemuMonitorCommand(command, 0);
    }
}
