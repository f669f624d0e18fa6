package io.logagent.cli;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The ini recipes of README "Pointing at existing clusters / OpenSearch / Elasticsearch" are valid configs. */
class ReadmeRecipeTest {
    private static final Pattern INI = Pattern.compile("```ini\\n(.*?)```", Pattern.DOTALL);

    @Test
    void openSearchRecipesParseWithTheComponentsSchemas() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### OpenSearch / Elasticsearch");
        assertThat(start).as("README sub-heading").isPositive();
        int end = readme.indexOf("\n## ", start);
        List<String> blocks = new ArrayList<>();
        Matcher m = INI.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(2);

        TransferConfig transfer = TransferConfig.from(IniFile.parse("README transfer.ini", blocks.get(0)));
        assertThat(transfer.index().addresses()).hasSize(2).allMatch(u -> u.getScheme().equals("https"));
        assertThat(transfer.index().search().caFile()).isPresent();
        assertThat(transfer.index().search().authorization()).isPresent();

        ConsoleConfig console = ConsoleConfig.from(IniFile.parse("README console.ini", blocks.get(1)), Map.of());
        assertThat(console.http().scheme()).isEqualTo("https");
        assertThat(console.es().address()).isEqualTo(URI.create("https://os-1.example.net:9200"));
        assertThat(console.es().search().caFile()).isPresent();
    }
}
