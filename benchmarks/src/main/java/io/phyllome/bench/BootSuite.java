package io.phyllome.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 8, part 4: the test guest (tools/test-guest.sh: a Debian kernel and a busybox init that
 * prints a marker on its serial console) booted directly under the Linux profile's device set
 * and under the XML {@code virt-install --osinfo linux2022} produces for it, on the system
 * daemon. Time from {@code virsh start} to the marker in the serial log; both VMs are started
 * the same way, so only their device sets differ. A third VM, the profile's XML with its UEFI
 * firmware swapped for BIOS, shows how much of a difference is the firmware.
 */
final class BootSuite {

    private static final Pattern UPTIME = Pattern.compile("PHYLLOME-UPTIME ([0-9.]+)");
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private final Context ctx;

    BootSuite(Context ctx) {
        this.ctx = ctx;
    }

    /** One VM under test: its name and serial log. */
    private record Vm(String label, String name, Path serial, List<Double> marker, List<Double> uptime) {
    }

    List<Row> run() throws Exception {
        Path dir = ctx.dir("boot");
        // the integration tests' guest (tools/test-guest.sh does nothing when it is up to date),
        // copied where QEMU can read it
        Path built = ctx.root().resolve("distro/target/test-guest");
        Proc.check(List.of(ctx.root().resolve("tools/test-guest.sh").toString(), built.toString()), Map.of(), ctx.scratch());
        Path kernel = dir.resolve("vmlinuz"), initrd = dir.resolve("initrd.img");
        Files.copy(built.resolve("vmlinuz"), kernel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(built.resolve("initrd.img"), initrd, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String cmdline = "console=ttyS0 phyllome.marker=bench";

        Map<String, Vm> vms = new LinkedHashMap<>();
        String profileVm = ctx.tag() + "-bp";
        Proc.check(ctx.javaCommand(null, "vm:create", "--memory", "512M", "--cpus", "1", "--disk", "none", "--kernel", kernel.toString(),
                "--initrd", initrd.toString(), "--cmdline", cmdline, "linux", profileVm), ctx.env(), ctx.scratch());
        vms.put("profile", new Vm("linux profile", profileVm, ctx.state().resolve("logs").resolve(profileVm + ".serial.log"), new ArrayList<>(),
                new ArrayList<>()));

        String viVm = ctx.tag() + "-bv";
        Path viSerial = dir.resolve(viVm + ".serial.log");
        String viXml = Proc.check(List.of("virt-install", "--connect", Context.SYSTEM_URI, "--print-xml", "--name", viVm, "--osinfo", "linux2022",
                "--virt-type", "qemu", "--memory", "512", "--vcpus", "1", "--disk", "none", "--boot",
                "kernel=" + kernel + ",initrd=" + initrd + ",kernel_args=" + cmdline, "--serial", "file,path=" + viSerial, "--noautoconsole"),
                Map.of(), ctx.scratch()).out();
        define(dir.resolve(viVm + ".xml"), viXml);
        vms.put("virt-install", new Vm("virt-install --osinfo linux2022", viVm, viSerial, new ArrayList<>(), new ArrayList<>()));

        String biosVm = ctx.tag() + "-bb";
        Path biosSerial = dir.resolve(biosVm + ".serial.log");
        String profileXml = Proc.check(Context.virsh(Context.SYSTEM_URI, "dumpxml", "--inactive", profileVm), Map.of(), ctx.scratch()).out();
        define(dir.resolve(biosVm + ".xml"), withBios(profileXml, profileVm, biosVm, vms.get("profile").serial(), biosSerial));
        vms.put("bios", new Vm("linux profile, firmware swapped for BIOS", biosVm, biosSerial, new ArrayList<>(), new ArrayList<>()));

        try {
            List<Vm> order = new ArrayList<>(vms.values());
            for (int run = 0; run < ctx.sizes().bootRuns(); run++) {
                for (int i = 0; i < order.size(); i++) {
                    boot(order.get((i + run) % order.size()));
                }
            }
        } finally {
            for (Vm vm : vms.values()) {
                Proc.run(Context.virsh(Context.SYSTEM_URI, "destroy", vm.name()), Map.of(), null, ctx.scratch(), Duration.ofMinutes(1), false);
                Proc.run(Context.virsh(Context.SYSTEM_URI, "undefine", "--nvram", vm.name()), Map.of(), null, ctx.scratch(), Duration.ofMinutes(1), false);
            }
        }

        Vm profile = vms.get("profile"), vi = vms.get("virt-install"), bios = vms.get("bios");
        double p = Stats.median(profile.marker()), v = Stats.median(vi.marker()), b = Stats.median(bios.marker());
        double pKernel = Stats.median(profile.uptime()), vKernel = Stats.median(vi.uptime()), bKernel = Stats.median(bios.uptime());
        int runs = ctx.sizes().bootRuns();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("B1", "test guest, `virsh start` to its marker on serial: linux profile", p, v, "virt-install --osinfo linux2022 XML", "s",
                "not slower", p <= v, String.format("median of %d; before the kernel (firmware, QEMU): %.1f s vs %.1f s", runs, p - pKernel, v - vKernel)));
        rows.add(Row.info("B2", "guest kernel's own uptime at the marker", pKernel, vKernel, "virt-install XML", "s", "PHYLLOME-UPTIME"));
        rows.add(Row.info("B3", "linux profile's XML with BIOS instead of UEFI: start to marker", b, v, "virt-install XML", "s",
                String.format("same device set as B1, SeaBIOS instead of OVMF; guest kernel uptime at the marker %.1f s", bKernel)));
        return rows;
    }

    private void define(Path file, String xml) throws IOException {
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        Proc.check(Context.virsh(Context.SYSTEM_URI, "define", file.toString()), Map.of(), ctx.scratch());
    }

    /** The profile's domain XML with a legacy BIOS: no firmware autoselection, loader or NVRAM. */
    static String withBios(String xml, String from, String to, Path fromSerial, Path toSerial) {
        return xml.replace(fromSerial.toString(), toSerial.toString()).replace(from, to)
                .replaceAll("(?m)^\\s*<uuid>[^<]*</uuid>\\s*\\n", "")
                .replaceAll("(?m)^\\s*<mac address=[^>]*/>\\s*\\n", "")
                .replace(" firmware='efi'", "")
                .replaceAll("(?s)\\s*<firmware>.*?</firmware>", "")
                .replaceAll("(?m)^\\s*<loader[^>]*>[^<]*</loader>\\s*\\n", "")
                .replaceAll("(?m)^\\s*<loader[^>]*/>\\s*\\n", "")
                .replaceAll("(?m)^\\s*<nvram[^>]*>[^<]*</nvram>\\s*\\n", "")
                .replaceAll("(?m)^\\s*<nvram[^>]*/>\\s*\\n", "");
    }

    /** Boots {@code vm} once; records the time to its marker and the guest's uptime then. */
    private void boot(Vm vm) throws Exception {
        Files.deleteIfExists(vm.serial());
        long start = System.nanoTime();
        Proc.check(Context.virsh(Context.SYSTEM_URI, "start", vm.name()), Map.of(), ctx.scratch());
        long deadline = start + BOOT_TIMEOUT.toNanos();
        double marker = -1;
        String log = "";
        while (System.nanoTime() < deadline) {
            log = read(vm.serial());
            if (marker < 0 && log.contains("PHYLLOME-MARKER")) {
                marker = (System.nanoTime() - start) / 1e9;
            }
            if (marker >= 0 && UPTIME.matcher(log).find()) {
                break;
            }
            Thread.sleep(marker < 0 ? 20 : 50);
        }
        if (marker < 0) {
            throw new IllegalStateException(vm.label() + " (" + vm.name() + ") showed no marker within " + BOOT_TIMEOUT.toSeconds()
                    + " s; serial log ends: " + log.substring(Math.max(0, log.length() - 400)));
        }
        Matcher m = UPTIME.matcher(log);
        vm.marker().add(marker);
        vm.uptime().add(m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
        // the guest powers itself off; make sure before the next boot
        long off = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < off) {
            String state = Proc.check(Context.virsh(Context.SYSTEM_URI, "domstate", vm.name()), Map.of(), ctx.scratch()).out().strip();
            if (state.startsWith("shut off")) {
                return;
            }
            Thread.sleep(100);
        }
        Proc.run(Context.virsh(Context.SYSTEM_URI, "destroy", vm.name()), Map.of(), null, ctx.scratch(), Duration.ofMinutes(1), false);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
