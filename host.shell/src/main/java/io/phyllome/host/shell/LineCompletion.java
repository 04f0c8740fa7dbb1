package io.phyllome.host.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.phyllome.host.client.protocol.Candidate;

/**
 * Tab completion of a shell line up to the cursor: the command's name at the start of a command,
 * its options after {@code -}, and otherwise what the argument at the cursor names (VMs, profile
 * ids, fixed words). The candidates are the ones that start with the word being typed.
 */
final class LineCompletion {

    private final Map<String, CommandSyntax> commands;
    private final Function<Completes.What, List<Candidate>> named;

    /**
     * @param commands the shell's commands by name
     * @param named    the host's things of a kind, e.g. its VMs, each with a short description
     */
    LineCompletion(Map<String, CommandSyntax> commands, Function<Completes.What, List<Candidate>> named) {
        this.commands = commands;
        this.named = named;
    }

    List<Candidate> complete(String beforeCursor) {
        List<String> words = words(lastCommand(beforeCursor));
        String typed = words.remove(words.size() - 1);
        if (words.isEmpty()) {
            return matching(commands.values().stream().map(c -> new Candidate(c.name(), c.description())).toList(), typed);
        }
        CommandSyntax command = commands.get(words.get(0));
        if (command == null) {
            return List.of();
        }
        int position = 0;
        CommandSyntax.Option pending = null; // an option whose value is still to come
        Set<String> given = new LinkedHashSet<>();
        for (String word : words.subList(1, words.size())) {
            if (pending != null) {
                pending = null;
            } else if (word.startsWith("-") && command.options().containsKey(word)) {
                CommandSyntax.Option option = command.options().get(word);
                given.addAll(option.spellings());
                pending = option.takesValue() ? option : null;
            } else {
                position++;
            }
        }
        if (pending != null) {
            return matching(values(List.of(pending.value())), typed);
        }
        if (typed.startsWith("-")) {
            return matching(command.options().values().stream().filter(o -> !given.contains(o.name()))
                    .map(o -> new Candidate(o.name(), o.description())).toList(), typed);
        }
        return matching(values(command.argumentsAt(position)), typed);
    }

    private List<Candidate> values(Collection<CommandSyntax.Argument> arguments) {
        List<Candidate> values = new ArrayList<>();
        Set<Completes.What> asked = new LinkedHashSet<>();
        for (CommandSyntax.Argument argument : arguments) {
            argument.words().forEach(w -> values.add(new Candidate(w, "")));
            if (argument.names() != Completes.What.NOTHING && asked.add(argument.names())) {
                values.addAll(named.apply(argument.names()));
            }
        }
        return values;
    }

    private static List<Candidate> matching(List<Candidate> candidates, String typed) {
        Set<String> seen = new LinkedHashSet<>();
        return candidates.stream().filter(c -> c.value().startsWith(typed) && seen.add(c.value()))
                .sorted(Comparator.comparing(Candidate::value)).toList();
    }

    /** The text after the last unquoted {@code ;} or {@code |}: the command being typed. */
    static String lastCommand(String line) {
        char quote = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';' || c == '|') {
                start = i + 1;
            }
        }
        return line.substring(start);
    }

    /** The words of a command, unquoted; the last is the one being typed (empty after a space). */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        words.add(word.toString());
        return words;
    }
}
