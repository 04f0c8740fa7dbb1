package io.phyllome.host.rest.resource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.phyllome.host.platform.HostCapabilities;
import io.phyllome.host.rest.http.Json;
import io.phyllome.host.storage.MediaFile;
import io.phyllome.host.storage.ProtectedDirectory;
import io.phyllome.host.storage.Volume;
import io.phyllome.host.vm.PortabilityFinding;
import io.phyllome.host.vm.VmInfo;
import io.phyllome.host.vm.VmSummary;

/**
 * The JSON documents of the API: the same shapes as the shell's {@code --format json}, described
 * by the schemas of {@code docs/api/v1}, each object led by its {@code $schema} id.
 */
final class Documents {

    static final String SCHEMA_BASE = "https://phyllome.io/schemas/host/v1/";

    record Vm(String name, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus) {
        static Vm of(VmSummary v) {
            return new Vm(v.name(), v.state().toString(), v.profile(), v.profileInstalled(), v.memory().bytes(), v.cpus());
        }
    }

    record VmDetails(String name, String uuid, String state, String profile, boolean profileInstalled, long memoryBytes, int cpus,
            List<Disk> disks, List<String> findings) {
        static VmDetails of(VmInfo vm) {
            return new VmDetails(vm.name(), vm.uuid(), vm.state().toString(), vm.profile(), vm.profileInstalled(), vm.memory().bytes(), vm.cpus(),
                    vm.disks().stream().map(d -> new Disk(d.target(), d.source(), d.readOnly(), d.encrypted(), d.managed())).toList(), vm.findings());
        }
    }

    /** A disk of a VM: never its key. */
    record Disk(String target, String source, boolean readOnly, boolean encrypted, boolean managed) {
    }

    record Lint(String vm, List<Finding> findings, int blockers) {
        static Lint of(String vm, List<PortabilityFinding> findings) {
            return new Lint(vm, findings.stream().map(f -> new Finding(f.severity().name().toLowerCase(Locale.ROOT), f.what(), f.why(), f.fix()))
                    .toList(), (int) findings.stream().filter(f -> f.severity() == PortabilityFinding.Severity.BLOCKER).count());
        }
    }

    record Finding(String severity, String what, String why, String fix) {
    }

    record StoredDisk(String path, long capacityBytes, long allocationBytes, boolean encrypted, List<String> usedBy) {
        static StoredDisk of(Volume v, Map<String, List<String>> users) {
            return new StoredDisk(v.path(), v.capacity().bytes(), v.allocation().bytes(), v.encrypted(), users.getOrDefault(v.path(), List.of()));
        }
    }

    record Medium(String name, String path, long sizeBytes, String sha256) {
        static Medium of(MediaFile m) {
            return new Medium(m.name(), m.path().toString(), m.size().bytes(), m.sha256());
        }
    }

    record Profile(String id, String family, String name, String fault) {
    }

    record Offer(String id, String family, String bundle, String version, String repository, String installed, boolean withPlatform,
            boolean updateAvailable, boolean cannotRunHere) {
    }

    record Hypervisor(String connection, String version, String arch, int cpus, long memoryBytes, boolean kvmUsable, String kvmProblem,
            boolean uefi, boolean secureBoot, boolean tpmEmulator) {
        static Hypervisor of(HostCapabilities host) {
            return new Hypervisor(host.connection(), host.version(), host.arch(), host.cpus(), host.memory().bytes(), host.kvmUsable(),
                    host.kvmUsable() ? "" : host.kvmProblem(), host.uefi(), host.secureBoot(), host.tpmEmulator());
        }
    }

    record Protection(String path, boolean encrypted, boolean unlocked, String note) {
        static Protection of(ProtectedDirectory dir) {
            return new Protection(dir.path().toString(), dir.encrypted(), dir.unlocked(), dir.note());
        }
    }

    /** {@code fields} (a record, or a map of named parts) as the document of schema {@code kind}. */
    static ObjectNode document(String kind, Object fields) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("$schema", SCHEMA_BASE + kind + ".schema.json");
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(fields));
        return node;
    }

    private Documents() {
    }
}
