package io.phyllome.host.device;

/**
 * The guest's firmware.
 *
 * @param uefi         UEFI (OVMF) rather than a legacy BIOS
 * @param secureBoot   UEFI Secure Boot enforced
 * @param enrolledKeys the Microsoft keys enrolled, so signed installers boot
 */
public record Firmware(boolean uefi, boolean secureBoot, boolean enrolledKeys) {

    public Firmware {
        if (secureBoot && !uefi) {
            throw new IllegalArgumentException("Secure Boot needs UEFI firmware");
        }
    }

    public static Firmware legacyBios() {
        return new Firmware(false, false, false);
    }

    public static Firmware plainUefi() {
        return new Firmware(true, false, false);
    }

    /** UEFI with Secure Boot and the Microsoft keys enrolled. */
    public static Firmware secureBootUefi() {
        return new Firmware(true, true, true);
    }
}
