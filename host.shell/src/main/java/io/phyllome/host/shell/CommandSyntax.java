package io.phyllome.host.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

import io.phyllome.host.shell.format.Format;

/**
 * What completion knows of one shell command, read from the annotations Gogo itself reads on the
 * command's methods ({@link Descriptor}, Gogo's {@code @Parameter}) and from {@link Completes}:
 * its description, its options, and what each positional argument names.
 *
 * @param name        as typed, e.g. {@code vm:create}
 * @param description the method's {@code @Descriptor}, or empty
 * @param options     by each of their names, e.g. {@code --memory}
 * @param arguments   per overload, its positional arguments in order
 */
record CommandSyntax(String name, String description, Map<String, Option> options, List<List<Argument>> arguments) {

    /** An option: one of its names, all of them, its description, whether a value follows it, and what that value names. */
    record Option(String name, List<String> spellings, String description, boolean takesValue, Argument value) {
    }

    /** A positional argument (or an option's value): what it names and the fixed words it takes. */
    record Argument(Completes.What names, List<String> words, boolean repeats) {

        static final Argument ANYTHING = new Argument(Completes.What.NOTHING, List.of(), false);

        static Argument of(Parameter parameter) {
            Completes completes = parameter.getAnnotation(Completes.class);
            return completes == null ? new Argument(Completes.What.NOTHING, List.of(), parameter.isVarArgs())
                    : new Argument(completes.value(), List.of(completes.words()), parameter.isVarArgs());
        }
    }

    /**
     * The syntax of the command {@code scope:function} that Gogo runs on {@code type}: the public
     * methods Gogo would call for it (named as the function, or {@code _function} for a Java
     * keyword, {@code getFunction}, {@code isFunction}), each overload's arguments.
     */
    static Optional<CommandSyntax> of(String scope, String function, Class<?> type) {
        String lower = function.toLowerCase(Locale.ROOT);
        List<String> names = List.of(lower, "_" + lower, "get" + lower, "is" + lower);
        String description = "";
        Map<String, Option> options = new LinkedHashMap<>();
        List<List<Argument>> arguments = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || !names.contains(method.getName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Descriptor about = method.getAnnotation(Descriptor.class);
            if (description.isEmpty() && about != null) {
                description = about.value();
            }
            List<Argument> positional = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                if (CommandSession.class.isAssignableFrom(parameter.getType())) {
                    continue; // given by Gogo, not typed
                }
                org.apache.felix.service.command.Parameter option = parameter.getAnnotation(org.apache.felix.service.command.Parameter.class);
                if (option == null) {
                    positional.add(Argument.of(parameter));
                    continue;
                }
                Descriptor help = parameter.getAnnotation(Descriptor.class);
                boolean takesValue = org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(option.presentValue());
                // --format takes the same words on every listing command, so it needs no @Completes of its own
                Argument value = List.of(option.names()).contains(Format.OPTION) ? new Argument(Completes.What.NOTHING, Format.NAMES, false)
                        : Argument.of(parameter);
                for (String optionName : option.names()) {
                    options.putIfAbsent(optionName, new Option(optionName, List.of(option.names()), help == null ? "" : help.value(), takesValue, value));
                }
            }
            arguments.add(positional);
        }
        return arguments.isEmpty() ? Optional.empty() : Optional.of(new CommandSyntax(scope + ":" + function, description, options, arguments));
    }

    /** The command's functions as a Gogo command service's property gives them: one name, or several. */
    static List<String> functions(Object property) {
        if (property instanceof String one) {
            return List.of(one);
        }
        if (property instanceof String[] many) {
            return List.of(many);
        }
        if (property instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** What the positional argument at {@code index} (from 0) may be, in any overload. */
    List<Argument> argumentsAt(int index) {
        List<Argument> at = new ArrayList<>();
        for (List<Argument> overload : arguments) {
            if (index < overload.size()) {
                at.add(overload.get(index));
            } else if (!overload.isEmpty() && overload.get(overload.size() - 1).repeats()) {
                at.add(overload.get(overload.size() - 1));
            }
        }
        return at;
    }
}
