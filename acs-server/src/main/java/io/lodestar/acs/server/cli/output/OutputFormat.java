package io.lodestar.acs.server.cli.output;

import picocli.CommandLine;

import java.util.Locale;

/** How a command prints what the API answered: aligned text for people, JSON or CSV for programs. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** Reads {@code table}, {@code json} or {@code csv} (any case) for picocli's {@code --format}. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format: table, json or csv");
            }
        }
    }
}
