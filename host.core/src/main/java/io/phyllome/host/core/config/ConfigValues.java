package io.phyllome.host.core.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns the text of a configuration file into Config Admin properties of the types the PID's
 * metatype declares: numbers and booleans as such, lists split at commas. Keys the metatype
 * does not know stay text and are reported (a typo, or a key such as a reference target that
 * metatype does not describe); a value that does not fit its type is reported and left out.
 */
final class ConfigValues {

    /** The properties for Config Admin, and what is wrong with the file's settings. */
    record Converted(Hashtable<String, Object> properties, List<String> problems) {
    }

    private ConfigValues() {
    }

    /**
     * @param schema the PID's settings by key, or {@code null} when no bundle declares the PID
     *               (then every value stays text)
     */
    static Converted convert(ConfigFile file, Map<String, Setting> schema) {
        Hashtable<String, Object> properties = new Hashtable<>();
        List<String> problems = new ArrayList<>();
        file.values().forEach((key, text) -> {
            Setting setting = schema == null ? null : schema.get(key);
            if (setting == null) {
                if (schema != null) {
                    problems.add("key '" + key + "' is not a setting of " + file.pid() + " (it has " + String.join(", ", new TreeSet<>(schema.keySet()))
                            + "): applied as text; correct it if it is a typo");
                }
                properties.put(key, text);
                return;
            }
            try {
                properties.put(key, value(text, setting));
            } catch (IllegalArgumentException e) {
                problems.add("key '" + key + "' left out: " + e.getMessage());
            }
        });
        return new Converted(properties, problems);
    }

    private static Object value(String text, Setting setting) {
        if (setting.cardinality() == 0) {
            return scalar(text, setting.type());
        }
        List<String> items = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Class<?> type = scalar("0", setting.type()).getClass();
        Object array = Array.newInstance(type, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, scalar(items.get(i), setting.type()));
        }
        return array;
    }

    private static Object scalar(String text, int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> number(text, "a whole number", Long::valueOf);
            case AttributeDefinition.INTEGER -> number(text, "a whole number", Integer::valueOf);
            case AttributeDefinition.SHORT -> number(text, "a whole number", Short::valueOf);
            case AttributeDefinition.BYTE -> number(text, "a whole number", Byte::valueOf);
            case AttributeDefinition.DOUBLE -> number(text, "a number", Double::valueOf);
            case AttributeDefinition.FLOAT -> number(text, "a number", Float::valueOf);
            case AttributeDefinition.BOOLEAN -> bool(text);
            default -> text;
        };
    }

    private static Object number(String text, String what, Function<String, Object> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }
}
