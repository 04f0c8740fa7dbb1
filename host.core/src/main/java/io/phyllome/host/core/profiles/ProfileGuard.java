package io.phyllome.host.core.profiles;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.phyllome.host.device.CpuMode;
import io.phyllome.host.device.DeviceSet;
import io.phyllome.host.device.DeviceSetBuilder;
import io.phyllome.host.device.Medium;
import io.phyllome.host.profile.GuestProfile;
import io.phyllome.host.profile.ProfileContext;
import io.phyllome.host.vm.VmException;

/**
 * Runs one profile's {@code contribute} in isolation: on its own thread with a time limit, and
 * checks what it returns. A profile that throws anything but a {@link VmException} (its way to say
 * "this host cannot run the guest"), returns an invalid device set, takes too long, or asks for
 * passthrough the host does not allow is marked faulty and the creation fails with a message
 * naming the profile; other profiles are not affected.
 */
public final class ProfileGuard {

    private static final Pattern MACHINE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final ProfileFaults faults;

    public ProfileGuard(ProfileFaults faults) {
        this.faults = faults;
    }

    public DeviceSet contribute(GuestProfile profile, String id, ProfileContext context) {
        Optional<String> known = faults.faultOf(id);
        if (known.isPresent()) { // fail at once: running it again would only repeat the fault (or the wait)
            throw new VmException("profile '" + id + "' is faulty: it " + known.get() + ". A new version of its bundle clears this"
                    + " (profile:update " + id + "); until then use another profile");
        }
        DeviceSetBuilder builder = new DeviceSetBuilder();
        FutureTask<DeviceSet> task = new FutureTask<>(() -> {
            profile.contribute(context, builder);
            return builder.build();
        });
        Thread thread = new Thread(task, "phyllome-profile-" + id);
        thread.setDaemon(true);
        thread.start();
        DeviceSet devices;
        try {
            devices = task.get(faults.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw fault(id, "did not choose devices within " + seconds() + " s");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new VmException("interrupted while profile '" + id + "' chose devices");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VmException vm) {
                throw vm; // the profile's own, deliberate refusal (e.g. ProfileException)
            }
            VmException failure = fault(id, "threw " + cause);
            failure.initCause(cause);
            throw failure;
        }
        List<String> invalid = check(devices);
        if (!invalid.isEmpty()) {
            throw fault(id, "returned an invalid device set: " + String.join("; ", invalid));
        }
        if (devices.cpuMode() == CpuMode.HOST_PASSTHROUGH && !faults.passthroughAllowed()) {
            throw fault(id, "chose a host-passthrough CPU, which this host's configuration does not allow"
                    + " (allowPassthrough in PID " + ProfileRegistry.PID + ")");
        }
        return devices;
    }

    private String seconds() {
        long millis = faults.timeout().toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private VmException fault(String id, String reason) {
        faults.faulty(id, reason);
        return new VmException("profile '" + id + "' failed to choose devices: it " + reason
                + ". profile:list now shows it as faulty; report this to the profile's vendor, or use another profile");
    }

    /** What is wrong with a device set a profile returned; empty when nothing is. */
    static List<String> check(DeviceSet devices) {
        List<String> problems = new ArrayList<>();
        if (devices == null) {
            problems.add("no device set");
            return problems;
        }
        if (devices.qemuMachine() == null || !MACHINE.matcher(devices.qemuMachine()).matches()) {
            problems.add("machine type '" + devices.qemuMachine() + "' is not a machine type name");
        }
        if (devices.firmware() == null) {
            problems.add("no firmware");
        } else if (devices.firmware().secureBoot() && !devices.smm()) {
            problems.add("Secure Boot firmware needs SMM (smm(true))");
        }
        for (String name : List.of("cpuMode", "clock", "diskBus", "cdromBus", "nic", "video", "sound")) {
            if (value(devices, name) == null) {
                problems.add(name + " is not set");
            }
        }
        for (Medium medium : devices.media()) {
            if (!medium.path().isAbsolute() || !Files.isRegularFile(medium.path())) {
                problems.add("medium " + medium.path() + " is not an existing file given by an absolute path");
            }
        }
        return problems;
    }

    private static Object value(DeviceSet d, String name) {
        return switch (name) {
            case "cpuMode" -> d.cpuMode();
            case "clock" -> d.clock();
            case "diskBus" -> d.diskBus();
            case "cdromBus" -> d.cdromBus();
            case "nic" -> d.nic();
            case "video" -> d.video();
            default -> d.sound();
        };
    }
}
