package io.phyllome.host.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a command's argument names, for tab completion at the client's prompt: e.g.
 * {@code @Completes(VM)} on a VM name offers the host's VMs, {@code @Completes(words = {"on", "off"})}
 * those words. An argument without it completes nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Completes {

    /** The host's things an argument can name. */
    enum What {
        /** nothing of the host's (see {@link Completes#words()}) */
        NOTHING,
        /** a VM defined on the host */
        VM,
        /** an installed guest profile's id */
        PROFILE
    }

    What value() default What.NOTHING;

    /** Fixed words the argument takes. */
    String[] words() default {};
}
