package io.phyllome.host.rest;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.rest.http.TokenBuckets;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds the requests of each token ({@code requests.per.second} and {@code requests.burst} in
 * {@code io.phyllome.host.rest.cfg}): past them a request gets 429 with {@code Retry-After}.
 */
@Component(service = RequestRates.class, configurationPid = Listener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class RequestRates {

    private volatile TokenBuckets buckets;

    @Activate
    public RequestRates(Listener.Config config) {
        apply(config);
    }

    @Modified
    void apply(Listener.Config config) {
        buckets = new TokenBuckets(config.requests_per_second(), config.requests_burst(), System::nanoTime);
    }

    /** Whether the token {@code name} may make this request; if not, the 429 is written to {@code response}. */
    public boolean admit(String name, HttpServletResponse response) throws IOException {
        long wait = buckets.take(name);
        if (wait == 0) {
            return true;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
        Router.problem(response, Problem.of(429, "the token '" + name + "' made more requests than its bound (requests.per.second and"
                + " requests.burst in " + Listener.PID + ".cfg): retry after " + seconds + " s"), java.util.Map.of("Retry-After", Long.toString(seconds)));
        return false;
    }
}
