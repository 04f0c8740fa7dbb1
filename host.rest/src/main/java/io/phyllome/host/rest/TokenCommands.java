package io.phyllome.host.rest;

import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.phyllome.host.access.ApiTokens;
import io.phyllome.host.vm.VmException;

/** {@code host:token create|list|revoke}: the bearer tokens of the REST API. */
@Component(service = TokenCommands.class, property = { "osgi.command.scope=host", "osgi.command.function=token" })
public class TokenCommands {

    private final ApiTokens tokens;

    @Activate
    public TokenCommands(@Reference ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Descriptor("manage the REST API's bearer tokens: 'create NAME' prints a new token once (only its hash is kept),"
            + " 'list' shows their names, 'revoke NAME' ends one")
    public String token(@Descriptor("create, list or revoke") String action, @Descriptor("the token's name (create, revoke)") String... name) {
        String only = name.length == 1 ? name[0] : null;
        switch (action) {
        case "create":
            try {
                return tokens.create(need(only, action));
            } catch (IllegalArgumentException e) {
                throw new VmException(e.getMessage());
            }
        case "list":
            return tokens.list().isEmpty() ? "no tokens: host:token create NAME makes one"
                    : tokens.list().stream().map(t -> String.format("%-24s created %s", t.name(), t.created())).collect(Collectors.joining("\n"));
        case "revoke":
            if (!tokens.revoke(need(only, action))) {
                throw new VmException("no token named '" + only + "': host:token list shows them");
            }
            return "revoked " + only;
        default:
            throw new VmException("'" + action + "' is not a token action: use create NAME, list or revoke NAME");
        }
    }

    private static String need(String name, String action) {
        if (name == null) {
            throw new VmException("host:token " + action + " needs one NAME, e.g. host:token " + action + " ci-runner");
        }
        return name;
    }
}
