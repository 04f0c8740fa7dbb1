package io.phyllome.host.libvirt.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.NodeList;

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
 * <p>The QMP commands are JSON built from fixed ids, libvirt's node names and the new key, which
 * is Base64 text (checked), so nothing in them needs escaping. The key travels only over
 * libvirt's socket to QEMU and appears in no message.
 */
final class DiskRekey {

    private static final System.Logger LOG = System.getLogger(DiskRekey.class.getName());
    private static final int START_PAUSED = 1;
    private static final String NEW_KEY_ID = "phyllome-new-key";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=]+");
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
        String key = new String(newKey, StandardCharsets.UTF_8);
        if (!BASE64.matcher(key).matches()) {
            throw new IllegalArgumentException("a new disk key must be Base64 text");
        }
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
            monitor(domain, "{\"execute\":\"object-add\",\"arguments\":{\"qom-type\":\"secret\",\"id\":\"" + NEW_KEY_ID
                    + "\",\"data\":\"" + key + "\"}}");
            amend(domain, node, "phyllome-add-key", "\"state\":\"active\",\"new-secret\":\"" + NEW_KEY_ID + "\"");
            amend(domain, node, "phyllome-erase-key", "\"state\":\"inactive\",\"old-secret\":\"" + node + "-encryption-secret0\"");
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

    /** Runs one key slot change as a QEMU job, again while QEMU's key benchmark fails. */
    private static void amend(Domain domain, String node, String job, String encrypt) throws LibvirtException {
        String command = "{\"execute\":\"x-blockdev-amend\",\"arguments\":{\"job-id\":\"" + job + "\",\"node-name\":\"" + node
                + "\",\"options\":{\"driver\":\"qcow2\",\"encrypt\":{\"format\":\"luks\"," + encrypt + "}}}}";
        for (int attempt = 1;; attempt++) {
            monitor(domain, command);
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
        Pattern entry = Pattern.compile("\\{[^{}]*\"id\":\"" + Pattern.quote(job) + "\"[^{}]*\\}");
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = entry.matcher(monitor(domain, "{\"execute\":\"query-jobs\"}"));
            if (m.find() && field(m.group(), "status").equals("concluded")) {
                monitor(domain, "{\"execute\":\"job-dismiss\",\"arguments\":{\"id\":\"" + job + "\"}}");
                return field(m.group(), "error");
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

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String monitor(Domain domain, String command) throws LibvirtException {
        return domain.qemuMonitorCommand(command, 0);
    }
}
