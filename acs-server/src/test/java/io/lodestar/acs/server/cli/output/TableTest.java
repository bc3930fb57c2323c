package io.lodestar.acs.server.cli.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private final Table table = new Table(List.of("ID", "VALUE"), List.of(
            List.of("a", "plain"),
            List.of("longer-id", "with, comma"),
            List.of("q", "say \"hi\""),
            List.of("n", "two\nlines"),
            List.of("s", " padded ")));

    @Test
    void textAlignsTheColumnsAndKeepsEachRowOnOneLine() {
        assertThat(table.text()).isEqualTo("""
                ID         VALUE
                a          plain
                longer-id  with, comma
                q          say "hi"
                n          two\\nlines
                s           padded
                """);
    }

    @Test
    void csvQuotesOnlyTheFieldsThatNeedItAndDoublesTheirQuotes() {
        assertThat(table.csv()).isEqualTo("ID,VALUE\n"
                + "a,plain\n"
                + "longer-id,\"with, comma\"\n"
                + "q,\"say \"\"hi\"\"\"\n"
                + "n,\"two\nlines\"\n"
                + "s,\" padded \"\n");
    }

    @Test
    void aMissingOrNullCellPrintsEmpty() {
        java.util.List<String> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        Table sparse = new Table(List.of("A", "B"), List.of(withNull));

        assertThat(sparse.csv()).isEqualTo("A,B\n,\n");
        assertThat(sparse.text()).isEqualTo("A  B\n\n");
    }
}
