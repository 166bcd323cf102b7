package io.genfleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.helm.support.Chart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * values.yaml documents every value where it is defined: each leaf key has a "# --" comment above it, or sits
 * inside a block documented as a whole (a "# --" comment above a map such as podSecurityContext or resources).
 */
class ValuesDocumentationTest {

    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w.-]*):(.*)$");

    @Test
    void everyValueIsDocumentedWhereItIsDefined() throws IOException {
        List<String> lines = Files.readAllLines(Chart.dir().resolve("values.yaml"), StandardCharsets.UTF_8);
        List<String> undocumented = new ArrayList<>();
        // Enclosing keys: indent, and whether a "# --" comment documents the whole block.
        Deque<int[]> enclosing = new ArrayDeque<>();

        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!enclosing.isEmpty() && enclosing.peek()[0] >= indent) {
                enclosing.pop();
            }
            boolean documented = hasValueDoc(lines, i);
            boolean inDocumentedBlock = enclosing.stream().anyMatch(block -> block[1] == 1);
            if (!isMapParent(lines, i, indent, key.group(3)) && !documented && !inDocumentedBlock) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
            enclosing.push(new int[] {indent, documented ? 1 : 0});
        }

        assertThat(lines).hasSizeGreaterThan(100);
        assertThat(undocumented).as("values without a '# --' comment").isEmpty();
    }

    /** A "# --" line among the comment lines directly above. */
    private static boolean hasValueDoc(List<String> lines, int index) {
        for (int j = index - 1; j >= 0 && lines.get(j).strip().startsWith("#"); j--) {
            if (lines.get(j).strip().startsWith("# --")) {
                return true;
            }
        }
        return false;
    }

    /** A key with nothing after the colon whose next content line is a deeper key (not a list item). */
    private static boolean isMapParent(List<String> lines, int index, int indent, String rest) {
        if (!rest.isBlank()) {
            return false;
        }
        for (int j = index + 1; j < lines.size(); j++) {
            String next = lines.get(j);
            if (next.isBlank() || next.strip().startsWith("#")) {
                continue;
            }
            int nextIndent = next.length() - next.stripLeading().length();
            return nextIndent > indent && !next.strip().startsWith("- ");
        }
        return false;
    }
}
