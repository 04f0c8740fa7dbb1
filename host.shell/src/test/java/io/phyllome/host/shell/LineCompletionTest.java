package io.phyllome.host.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.phyllome.host.client.protocol.Candidate;

/**
 * Completion of lines against the real command classes (their functions as their components
 * register them, their annotations as Gogo reads them), with a host of three VMs and two profiles.
 */
class LineCompletionTest {

    private final List<Completes.What> asked = new ArrayList<>();
    private final LineCompletion completion = new LineCompletion(commands(),
            what -> {
                asked.add(what);
                return switch (what) {
                    case VM -> List.of(new Candidate("phy-web", "running"), new Candidate("phy-db", "shut-off"), new Candidate("other", "shut-off"));
                    case PROFILE -> List.of(new Candidate("linux", "Linux"), new Candidate("windows-11", "Windows 11"));
                    case NOTHING -> List.of();
                };
            });

    @Test
    void aCommandsNameCompletesFromItsStart() {
        assertEquals(List.of("vm:lint", "vm:list"), values("vm:li"));
        assertEquals(List.of("vm:list"), values("vm:lis"));
        assertEquals(List.of("vm:screenshot", "vm:shutdown", "vm:start", "vm:stop"), values("vm:s"));
        assertTrue(values("").containsAll(List.of("vm:create", "profile:show", "vm:export", "vm:import")), values("").toString());
        assertEquals(List.of(), values("vm:_"), "Gogo's name of vm:import is not offered");
        assertEquals("list the VMs of this host: name, state, profile, memory, CPUs", completion.complete("vm:lis").get(0).description());
        assertEquals(List.of(), asked, "naming a command asks the host nothing");
    }

    @Test
    void aVmArgumentCompletesTheHostsVms() {
        assertEquals(List.of("other", "phy-db", "phy-web"), values("vm:start "));
        assertEquals(List.of("phy-db", "phy-web"), values("vm:start ph"));
        assertEquals(List.of(new Candidate("phy-web", "running")), completion.complete("vm:info phy-w"));
        assertEquals(List.of(), values("vm:start phy-web "), "vm:start takes one VM");
        assertEquals(List.of("phy-db", "phy-web"), values("vm:delete --with-disks ph"), "an option without a value is no argument");
        assertEquals(List.of("phy-db", "phy-web"), values("vm:list; vm:stop ph"), "the command after ; is the one completed");
    }

    @Test
    void aProfileArgumentCompletesTheInstalledProfiles() {
        assertEquals(List.of("linux", "windows-11"), values("vm:create "));
        assertEquals(List.of("windows-11"), values("vm:create --memory 4G --start w"), "the value of --memory is no argument");
        assertEquals(List.of("linux", "windows-11"), values("profile:show "));
        assertEquals(List.of(), values("vm:create linux "), "a new VM's name is not completed");
    }

    @Test
    void optionsCompleteFromTheCommandsAnnotations() {
        List<String> options = values("vm:create --");
        assertTrue(options.containsAll(List.of("--memory", "--cpus", "--disk", "--no-encryption", "--iso", "--start")), options.toString());
        assertEquals(List.of("--memory"), values("vm:create --m"));
        assertEquals(List.of("--no-encryption"), values("vm:create --no"));
        assertEquals(new Candidate("--start", "start the VM once it is created"), completion.complete("vm:create --sta").get(0));
        assertTrue(!values("vm:create --memory 2G --").contains("--memory"), "an option given is not offered again");
        assertEquals(List.of(), values("vm:create --memory "), "a size is not completed");
        assertEquals(List.of("--format"), values("vm:list --"), "the output format is an option of every listing");
        assertEquals(List.of("json", "table"), values("vm:list --format "));
    }

    @Test
    void fixedWordsAndUnknownCommands() {
        assertEquals(List.of("off", "on"), values("vm:autostart phy-web "));
        assertEquals(List.of("off"), values("vm:autostart phy-web of"));
        assertEquals(List.of(), values("nosuch:command "));
        assertEquals(List.of("phy-web"), values("vm:info 'phy-w"), "a quoted word completes as typed");
    }

    @Test
    void wordsAreSplitAsTheShellSplitsThem() {
        assertEquals(List.of("vm:create", "a b", ""), LineCompletion.words("vm:create 'a b' "));
        assertEquals(List.of("vm:li"), LineCompletion.words("vm:li"));
        assertEquals(" vm:stop x", LineCompletion.lastCommand("vm:list | grep ';' ; vm:stop x"));
    }

    private List<String> values(String line) {
        return completion.complete(line).stream().map(Candidate::value).toList();
    }

    /** The commands as the components register them (their osgi.command.function properties). */
    private static Map<String, CommandSyntax> commands() {
        Map<String, CommandSyntax> commands = new TreeMap<>();
        add(commands, "vm", VmCommands.class, "create", "list", "info", "start", "shutdown", "stop", "delete", "xml", "screenshot", "virtio", "lint",
                "autostart");
        add(commands, "vm", VmPackageCommands.class, "export", "import", "migrate");
        add(commands, "profile", ProfileCommands.class, "list", "show", "available", "install", "uninstall", "update");
        return commands;
    }

    private static void add(Map<String, CommandSyntax> commands, String scope, Class<?> type, String... functions) {
        for (String function : functions) {
            CommandSyntax syntax = CommandSyntax.of(scope, function, type).orElseThrow(() -> new AssertionError(scope + ":" + function));
            commands.put(syntax.name(), syntax);
        }
    }
}
