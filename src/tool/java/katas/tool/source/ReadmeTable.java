package katas.tool.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katas.support.Catalogue;

/** The README's table of exercises, written from the catalogue between its two markers. */
public final class ReadmeTable {

    private static final Pattern TABLE =
            Pattern.compile("(<!-- catalogue:start -->\n)(.*?)(<!-- catalogue:end -->)", Pattern.DOTALL);

    private ReadmeTable() {}

    public static String of(Catalogue catalogue) {
        StringBuilder table =
                new StringBuilder("| id | engine | grade | minutes | guide | exercise |\n|---|---|---|---|---|---|\n");
        for (Catalogue.Exercise e : catalogue.exercises()) {
            table.append("| `%s` | %s | %d | %d | %s | %s |\n"
                    .formatted(e.id(), e.engine().id(), e.grade(), e.minutes(), e.guide(), e.title()));
        }
        return table.toString();
    }

    /** The table the README holds now, if it has the markers. */
    public static String in(String readme) {
        Matcher table = TABLE.matcher(readme);
        return table.find() ? table.group(2) : null;
    }

    /** The README with its table replaced by the catalogue's. */
    public static String update(String readme, Catalogue catalogue) {
        Matcher table = TABLE.matcher(readme);
        if (!table.find()) {
            throw new IllegalArgumentException(
                    "README.md has no <!-- catalogue:start --> ... <!-- catalogue:end --> markers");
        }
        return readme.substring(0, table.start(2)) + of(catalogue) + readme.substring(table.end(2));
    }
}
