package io.phyllome.host.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.phyllome.host.hypervisor.Secrets;

/** Keeps secrets in memory, remembering every key it was given. */
final class RecordingSecrets implements Secrets {
    final Map<String, String> values = new HashMap<>();
    final Map<String, String> paths = new HashMap<>();
    final List<String> given = new ArrayList<>();
    boolean blockTarget;
    int next;

    @Override
    public String defineVolumeKey(String volumePath, byte[] key) {
        String uuid = "uuid-" + next++;
        String text = new String(key, StandardCharsets.UTF_8);
        values.put(uuid, text);
        paths.put(uuid, volumePath);
        given.add(text);
        if (blockTarget) {
            try {
                Files.createDirectories(Path.of(volumePath));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return uuid;
    }

    @Override
    public Optional<String> findVolumeKey(String volumePath) {
        return paths.entrySet().stream().filter(e -> e.getValue().equals(volumePath) && values.containsKey(e.getKey()))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public Map<String, String> volumeKeys() {
        Map<String, String> keys = new HashMap<>();
        values.keySet().forEach(uuid -> keys.put(paths.get(uuid), uuid));
        return keys;
    }

    @Override
    public void delete(String uuid) {
        values.remove(uuid);
    }

    /** What libvirt does with QEMU, done with qemu-img, which may know both keys here. */
    @Override
    public void rekey(Path image, String secretUuid, byte[] newKey) {
        String opts = "driver=qcow2,file.filename=" + image + ",encrypt.key-secret=old";
        List<String> secrets = List.of("--object", "secret,id=old,data=" + values.get(secretUuid), "--object",
                "secret,id=new,data=" + new String(newKey, StandardCharsets.UTF_8));
        for (String change : List.of("encrypt.state=active,encrypt.new-secret=new,encrypt.iter-time=10", "encrypt.state=inactive,encrypt.old-secret=old")) {
            List<String> command = new ArrayList<>(List.of("qemu-img", "amend"));
            command.addAll(secrets);
            command.addAll(List.of("--image-opts", opts, "-o", change));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("qemu-img amend: " + out);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
