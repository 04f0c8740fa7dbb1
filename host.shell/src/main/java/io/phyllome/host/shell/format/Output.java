package io.phyllome.host.shell.format;

/**
 * What a listing or report command returns: a typed record whose components are its JSON (the
 * schema {@code docs/api/v1/<kind>.schema.json} describes it), and which also knows its text form.
 * {@link Formatter} is the one place that chooses between them.
 */
public interface Output {

    /** The name of this output's schema, e.g. {@code vm-list}. */
    String kind();

    /** The text form: a {@link Table} with a header line, or a report of lines. */
    String text();
}
