package dev.followupbot.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.command.CommandSpec;
import dev.followupbot.core.command.RemindHelp;
import dev.followupbot.core.config.ConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages under docs/ say what the code does, and adding to the code without them
 * fails.
 */
class DocsTest {

  private static final Path ROOT = DocPages.ROOT;
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
  private static final Pattern ENV_NAME =
      Pattern.compile(
          "\"((?:FOLLOWUP|SLACK|TEAMS|LOG)_[A-Z0-9_]+|PORT|Microsoft[A-Za-z]+|BotOpenIdMetadata)\"");

  @Test
  void the_readme_is_short_enough_to_read_in_five_minutes() {
    assertThat(DocPages.read(ROOT.resolve("README.md")).lines().count()).isLessThanOrEqualTo(150);
  }

  @Test
  void every_relative_link_in_the_readme_and_docs_leads_to_a_file_and_heading_that_exist() {
    List<String> broken = new ArrayList<>();
    for (Path page : DocPages.pages()) {
      Matcher m = LINK.matcher(DocPages.prose(DocPages.read(page)));
      while (m.find()) {
        String target = m.group(2);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (!anchor.isEmpty() && !DocPages.anchors(linked).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void every_command_help_lists_is_in_the_commands_page_with_its_syntax_and_example() {
    String commands = DocPages.read(ROOT.resolve("docs/commands.md"));
    List<String> missing = new ArrayList<>();
    for (CommandSpec spec : CommandSpec.ALL) {
      for (String text : List.of(spec.syntax(), spec.example())) {
        if (!commands.contains("`" + text.replace("|", "\\|") + "`")
            && !commands.contains("`" + text + "`")) {
          missing.add(spec.name() + ": `" + text + "`");
        }
      }
    }
    assertThat(missing).as("commands missing from docs/commands.md").isEmpty();
  }

  @Test
  void every_form_help_remind_shows_is_in_the_commands_page() {
    String commands = DocPages.read(ROOT.resolve("docs/commands.md"));
    List<String> missing = new ArrayList<>();
    for (RemindHelp.Form f : RemindHelp.all()) {
      if (!commands.contains("`" + f.example() + "`")) {
        missing.add(f.form() + ": `" + f.example() + "`");
      }
    }
    assertThat(missing).as("remind forms missing from docs/commands.md").isEmpty();
    assertThat(commands).contains("**A bare hour**").contains("**A bare numeric date**");
  }

  @Test
  void every_configuration_key_is_in_the_configuration_page() {
    String page = DocPages.read(ROOT.resolve("docs/configuration.md"));
    List<String> missing = new ArrayList<>();
    for (String key : ConfigKeys.general()) {
      if (!page.contains("| `" + key + "` |")) {
        missing.add("| `" + key + "` | default | meaning |");
      }
    }
    for (String key : ConfigKeys.policy()) {
      if (!page.contains("| `" + key + "` |")) {
        missing.add("| `" + key + "` | default | meaning |   (a policy key)");
      }
    }
    assertThat(missing).as("rows missing from docs/configuration.md").isEmpty();
  }

  @Test
  void every_policy_key_is_in_the_example_configuration_file() {
    String example = DocPages.read(ROOT.resolve("config/followup.example.yaml"));
    for (String key : ConfigKeys.policy()) {
      String last = key.replaceAll("\\[\\]|\\.<[a-z_]+>", "");
      last = last.substring(last.lastIndexOf('.') + 1);
      assertThat(example)
          .as(key)
          .containsPattern("(?m)(^[#\\s-]*|[{,]\\s*)" + Pattern.quote(last) + ":");
    }
  }

  @Test
  void every_environment_variable_the_bot_reads_is_in_the_configuration_page() {
    String page = DocPages.read(ROOT.resolve("docs/configuration.md"));
    Set<String> variables = new TreeSet<>();
    for (Path module : modules()) {
      for (Path source : javaFiles(module.resolve("src/main/java"))) {
        Matcher m = ENV_NAME.matcher(DocPages.read(source));
        while (m.find()) {
          variables.add(m.group(1));
        }
      }
    }
    assertThat(variables).contains("PORT", "SLACK_BOT_TOKEN", "MicrosoftAppId");
    assertThat(variables.stream().filter(v -> !page.contains("`" + v + "`")))
        .as("variables missing from docs/configuration.md")
        .isEmpty();
  }

  /** Every module of the bot itself; the bench sets variables for the bot it starts. */
  private static List<Path> modules() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java")))
          .filter(d -> !d.getFileName().toString().equals("bench"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
