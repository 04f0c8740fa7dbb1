package io.phyllome.host.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Whether the components of configured PIDs run with those configurations yet, as SCR reports them. */
final class ConfiguredComponents {

    private ConfiguredComponents() {
    }

    /** Polls until every satisfied or active component of an applied PID has its properties; {@code false} after {@code timeout}. */
    static boolean await(ServiceComponentRuntime scr, List<ConfigurationDirectory.Applied> applied, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!configured(scr, applied)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean configured(ServiceComponentRuntime scr, List<ConfigurationDirectory.Applied> applied) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ConfigurationDirectory.Applied a : applied) {
                if (!Arrays.asList(description.configurationPid).contains(a.pid())) {
                    continue;
                }
                for (ComponentConfigurationDTO component : scr.getComponentConfigurationDTOs(description)) {
                    if ((component.state == ComponentConfigurationDTO.SATISFIED || component.state == ComponentConfigurationDTO.ACTIVE)
                            && !has(component.properties, a.properties())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean has(Map<String, Object> running, Dictionary<String, Object> configured) {
        for (String key : Collections.list(configured.keys())) {
            if (!Objects.deepEquals(running.get(key), configured.get(key))) {
                return false;
            }
        }
        return true;
    }
}
