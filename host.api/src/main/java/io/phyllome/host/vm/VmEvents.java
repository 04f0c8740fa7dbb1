package io.phyllome.host.vm;

/**
 * The Event Admin events the platform posts when a VM's lifecycle changes, whoever changed it (a
 * command, the guest itself, another libvirt client). The topic is
 * {@link #TOPIC_PREFIX} followed by the event's name, e.g. {@code io/phyllome/vm/STARTED};
 * subscribe to {@link #TOPIC_ALL} for every one. Each event carries {@link #NAME},
 * {@link #STATE} and {@link #DETAIL}.
 */
public final class VmEvents {

    /** The start of every VM lifecycle topic. */
    public static final String TOPIC_PREFIX = "io/phyllome/vm/";
    /** Event Admin's wildcard for every VM lifecycle topic. */
    public static final String TOPIC_ALL = TOPIC_PREFIX + "*";

    /** The VM was defined (created, or its definition changed). */
    public static final String DEFINED = TOPIC_PREFIX + "DEFINED";
    /** The VM's definition was removed. */
    public static final String UNDEFINED = TOPIC_PREFIX + "UNDEFINED";
    /** The VM started (booted, restored or resumed from a snapshot). */
    public static final String STARTED = TOPIC_PREFIX + "STARTED";
    /** The VM was paused. */
    public static final String SUSPENDED = TOPIC_PREFIX + "SUSPENDED";
    /** A paused VM runs again. */
    public static final String RESUMED = TOPIC_PREFIX + "RESUMED";
    /** The VM stopped: powered off by its guest, forced off, crashed, failed or migrated away. */
    public static final String STOPPED = TOPIC_PREFIX + "STOPPED";
    /** The guest shut itself down (its power-off follows as {@link #STOPPED}). */
    public static final String SHUTDOWN = TOPIC_PREFIX + "SHUTDOWN";
    /** The guest crashed (its panic device reported it). */
    public static final String CRASHED = TOPIC_PREFIX + "CRASHED";
    /** The guest was suspended to memory or disk by its own power management. */
    public static final String PM_SUSPENDED = TOPIC_PREFIX + "PM_SUSPENDED";

    /** Property: the VM's name (a String). */
    public static final String NAME = "vm.name";
    /**
     * Property: the VM's state after the event, as {@code vm:list} shows it, e.g.
     * {@code running} or {@code shut-off} (a String; {@link VmState#toString()}). For
     * {@link #DEFINED} and {@link #UNDEFINED} it is asked from the hypervisor (a running VM may be
     * redefined); {@code shut-off} for a VM that is gone.
     */
    public static final String STATE = "vm.state";
    /**
     * Property: why, in the hypervisor's words in lower case, e.g. {@code booted},
     * {@code destroyed}, {@code shutdown}, {@code added}; {@code unknown} when it does not say (a
     * String).
     */
    public static final String DETAIL = "vm.detail";

    private VmEvents() {
    }
}
