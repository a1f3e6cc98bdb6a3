package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.api.EventKey;
import dev.followupbot.core.api.Handled;
import dev.followupbot.core.api.InboundTurns;
import dev.followupbot.core.api.Speaker;
import dev.followupbot.core.api.TenantGuard;
import dev.followupbot.core.config.ConfigLoader;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.MutableClock;
import dev.followupbot.core.testing.OneTenant;
import dev.followupbot.core.testing.TeamYaml;
import dev.followupbot.core.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation is the case: messages, replies and reactions in a support channel open and drive
 * cases by the channel team's intake rules.
 */
class ConversationCasesTest {

  private static final String SUPPORT = CoreHarness.CHANNEL;
  private static final String QUIET = "C-QUIET";
  private static final String MANUAL = "C-MANUAL";
  private static final String ELSEWHERE = "C-RANDOM";

  private final CoreHarness bot =
      new CoreHarness(
          TestDatabases.h2(),
          CoreHarness.quiet(
              ConfigLoader.parse(
                  "followup.yaml",
                  TeamYaml.team("support")
                      .channels(SUPPORT, QUIET, MANUAL)
                      .members("ann", "bob")
                      .admins("dana")
                      .intake("auto")
                      .intake(QUIET, "off")
                      .intake(MANUAL, "manual")
                      .yaml())),
          MutableClock.at("2026-11-23T09:00:00Z"));

  private final TenantGuard acme = OneTenant.acme("Acme only.");

  private final InboundTurns inbound = bot.core.inbound(acme, Runnable::run);
  private int events;

  @AfterEach
  void close() {
    bot.close();
  }

  @Test
  void a_customers_message_in_an_auto_channel_opens_a_case_whose_card_goes_into_its_thread() {
    Handled handled =
        post(
            "carol",
            top(SUPPORT, "1000.0001", "carol", "Our invoices page shows a 500 error\nSince 9am."));

    assertThat(handled).isInstanceOf(Handled.Heard.class);
    SupportCase c = onlyCase();
    assertThat(c.subject()).isEqualTo("Our invoices page shows a 500 error");
    assertThat(c.createdBy()).isEqualTo("carol");
    assertThat(c.source()).isPresent();
    assertThat(c.source().get().messageId()).isEqualTo("1000.0001");
    assertThat(c.source().get().requesterId()).isEqualTo("carol");
    assertThat(c.createdAt()).isEqualTo(at("1000.0001"));
    Destination.Channel card = (Destination.Channel) bot.slack.posts().get(0).to();
    assertThat(card.channelId()).isEqualTo(SUPPORT);
    assertThat(card.thread()).contains("1000.0001");
  }

  @Test
  void the_api_and_webhooks_say_where_a_case_came_from_and_who_asked() {
    post("carol", top(SUPPORT, "1000.0001", "carol", "Our invoices page shows a 500 error"));
    SupportCase c = onlyCase();

    com.fasterxml.jackson.databind.node.ObjectNode json =
        dev.followupbot.core.webhook.CaseJson.of(
            c, c.createdAt(), "support", java.util.List.of(), id -> id.toUpperCase());

    assertThat(json.path("source").path("platform").asText()).isEqualTo("slack");
    assertThat(json.path("source").path("channel").asText()).isEqualTo(SUPPORT);
    assertThat(json.path("source").path("thread").asText()).isEqualTo("1000.0001");
    assertThat(json.path("requester").path("id").asText()).isEqualTo("carol");
    assertThat(json.path("requester").path("name").asText()).isEqualTo("CAROL");
  }

  @Test
  void a_long_first_line_is_cut_at_a_word_boundary() {
    post("carol", top(SUPPORT, "1000.0001", "carol", "word ".repeat(40)));

    assertThat(onlyCase().subject()).endsWith("word…").hasSizeLessThanOrEqualTo(81);
  }

  @Test
  void team_members_bots_pleasantries_and_other_modes_open_nothing() {
    post("ann", top(SUPPORT, "1000.0001", "ann", "Deploying the fix now"));
    post("carol", top(SUPPORT, "1000.0002", "carol", "thanks! 🙏"));
    post("carol", top(QUIET, "1000.0003", "carol", "Is anyone there"));
    post("carol", top(MANUAL, "1000.0004", "carol", "Is anyone there"));
    post("carol", top(ELSEWHERE, "1000.0005", "carol", "Is anyone there"));
    post(
        "deploybot",
        new ChannelPost(
            SUPPORT,
            "1000.0006",
            Optional.empty(),
            "deploybot",
            false,
            true,
            "Build 42 failed",
            at("1000.0006"),
            Optional.empty()));

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void someone_of_another_organisation_is_always_a_requester() {
    post(
        "ann",
        new ChannelPost(
            SUPPORT,
            "1000.0001",
            Optional.empty(),
            "ann",
            true,
            false,
            "Hello from the customer side",
            at("1000.0001"),
            Optional.empty()));

    assertThat(onlyCase().source().get().requesterId()).isEqualTo("ann");
  }

  @Test
  void the_requesters_follow_ups_within_the_group_window_join_their_case() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "The export fails"));
    post("carol", top(SUPPORT, "1180.0000", "carol", "Here is the error: E42"));
    post("carol", top(SUPPORT, "1481.0000", "carol", "Also, a new question about billing"));

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).get().subject())
        .isEqualTo("The export fails");
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 2).get().subject())
        .isEqualTo("Also, a new question about billing");
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 3)).isEmpty();
    // A reply in the joined message's thread is about the same case.
    post("ann", reply(SUPPORT, "1200.0000", "1180.0000", "ann", "Looking at E42 now"));
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1).get().firstResponseAt())
        .contains(at("1200.0000"));
  }

  @Test
  void the_same_message_delivered_twice_opens_one_case() {
    ChannelPost first = top(SUPPORT, "1000.0001", "carol", "Password reset does not arrive");
    EventKey key = new EventKey("slack", "T-ACME", "message:" + SUPPORT + ":1000.0001");

    Handled once = inbound.post("T-ACME", key, speaker("carol"), first);
    Handled again = inbound.post("T-ACME", key, speaker("carol"), first);
    // Even under another key (a reaction racing the message), the message is one case.
    inbound.post("T-ACME", new EventKey("slack", "T-ACME", "other"), speaker("carol"), first);

    assertThat(once).isInstanceOf(Handled.Heard.class);
    assertThat(again).isInstanceOf(Handled.Repeat.class);
    assertThat(onlyCase().number()).isEqualTo(1);
  }

  @Test
  void another_workspace_is_refused_and_nothing_is_stored() {
    Handled handled =
        inbound.post(
            "T-GLOBEX",
            new EventKey("slack", "T-GLOBEX", "m1"),
            speaker("carol"),
            top(SUPPORT, "1000.0001", "carol", "Hello"));

    assertThat(handled).isInstanceOf(Handled.NotServed.class);
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void a_members_first_reply_is_the_first_response_at_its_own_time_and_claims_the_case() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    bot.clock.advance(Duration.ofHours(1));

    post("ann", reply(SUPPORT, "1300.0000", "1000.0000", "ann", "Can you try a private window?"));

    SupportCase c = onlyCase();
    assertThat(c.firstResponseAt()).contains(at("1300.0000"));
    assertThat(c.ownerId()).contains("ann");
    assertThat(c.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(bot.core.cases().history(CoreHarness.ACME, c.id()))
        .extracting(e -> e.action())
        .containsExactly(CaseAction.CREATED, CaseAction.FIRST_RESPONSE);
  }

  @Test
  void a_thread_reply_never_opens_a_case_and_a_reply_outside_any_case_changes_nothing() {
    post("carol", reply(SUPPORT, "1001.0000", "900.0000", "carol", "Any news on this?"));

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void a_requesters_reply_makes_it_the_teams_turn_and_a_pleasantry_asks_the_owner_to_resolve() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Try a private window?"));

    post("carol", reply(SUPPORT, "1200.0000", "1000.0000", "carol", "thanks!"));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(bot.slack.directTo("ann")).hasSize(1);
    assertThat(bot.slack.directTo("ann").get(0).message().fallbackText()).contains("Resolve #1?");

    post("carol", reply(SUPPORT, "1300.0000", "1000.0000", "carol", "thanks, but it still fails?"));
    SupportCase c = onlyCase();
    assertThat(c.status()).isEqualTo(CaseStatus.CLAIMED);
    assertThat(c.lastActivityAt()).isEqualTo(at("1300.0000"));
    assertThat(bot.core.cases().history(CoreHarness.ACME, c.id()))
        .extracting(e -> e.action())
        .endsWith(CaseAction.CUSTOMER_REPLIED);
  }

  @Test
  void a_customers_reply_starts_a_next_response_target_that_the_teams_answer_meets() {
    bot.say(admin(), "admin set support sla.next_response.normal 1h");
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Try a private window?"));
    assertThat(nextResponse()).isEmpty();

    post("carol", reply(SUPPORT, "1200.0000", "1000.0000", "carol", "Still the same error"));
    bot.clock.set(at("1200.0000").plus(Duration.ofMinutes(50)));
    dev.followupbot.core.sla.SlaStatus running = nextResponse().orElseThrow();
    assertThat(running.since()).isEqualTo(at("1200.0000"));
    assertThat(running.state()).isEqualTo(dev.followupbot.core.sla.SlaState.DUE_SOON);

    post("ann", reply(SUPPORT, "4000.0000", "1000.0000", "ann", "Fixed now"));
    assertThat(nextResponse().orElseThrow().state())
        .isEqualTo(dev.followupbot.core.sla.SlaState.MET);
  }

  private Optional<dev.followupbot.core.sla.SlaStatus> nextResponse() {
    return bot.core.caseCards().sla(onlyCase()).stream()
        .filter(s -> s.metric() == dev.followupbot.core.sla.SlaMetric.NEXT_RESPONSE)
        .findFirst();
  }

  @Test
  void home_shows_first_the_cases_whose_customer_replied_as_waiting_on_their_owner() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("dave", top(SUPPORT, "1001.0000", "dave", "Export fails"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Try again?"));
    post("ann", reply(SUPPORT, "1101.0000", "1001.0000", "ann", "Which file?"));
    post("dave", reply(SUPPORT, "1200.0000", "1001.0000", "dave", "The March report"));

    dev.followupbot.core.message.Message view = bot.core.commands().home(bot.person("ann"));
    String home =
        view.blocks().stream()
            .map(Object::toString)
            .collect(java.util.stream.Collectors.joining("\n"));

    assertThat(home).contains("Waiting on you:* the customer replied. ");
    assertThat(home.indexOf("Export fails")).isLessThan(home.indexOf("Cannot log in"));
    assertThat(home.split("Waiting on you", -1)).hasSize(2);
  }

  @Test
  void the_report_gives_the_median_time_to_the_next_response() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Try again?"));
    post("carol", reply(SUPPORT, "1200.0000", "1000.0000", "carol", "Same error"));
    post("ann", reply(SUPPORT, "2100.0000", "1000.0000", "ann", "Fixed now"));
    bot.clock.set(at("3000.0000"));

    assertThat(bot.text(bot.person("ann"), "cases report"))
        .contains("Median time to next response: 15 min (1)");
  }

  @Test
  void a_nudge_about_one_case_goes_into_its_thread_shown_in_the_channel_with_a_link() {
    bot.say(admin(), "admin set support unclaimed.nudge_after 10m");
    post(
        "carol",
        new ChannelPost(
            SUPPORT,
            "1000.0001",
            Optional.empty(),
            "carol",
            false,
            false,
            "Cannot log in",
            bot.clock.instant(),
            Optional.of("https://slack.com/archives/C-SUPPORT/p10000001")));

    bot.advance(Duration.ofMinutes(11));

    assertThat(bot.slack.posts())
        .anySatisfy(
            p ->
                assertThat(dev.followupbot.core.testing.Replies.text(p.message()))
                    .contains("has waited")
                    .contains("The conversation: https://slack.com/archives/C-SUPPORT/p10000001"));
    assertThat(bot.slack.posts())
        .filteredOn(
            p -> dev.followupbot.core.testing.Replies.text(p.message()).contains("has waited"))
        .extracting(p -> p.to())
        .containsExactly(
            new Destination.Channel(CoreHarness.ACME, SUPPORT, Optional.of("1000.0001"), true));
  }

  @Test
  void first_responder_claims_can_be_turned_off() {
    bot.say(admin(), "admin set support intake.first_responder_claims false");
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Looking"));

    SupportCase c = onlyCase();
    assertThat(c.firstResponseAt()).contains(at("1100.0000"));
    assertThat(c.ownerId()).isEmpty();
    assertThat(c.status()).isEqualTo(CaseStatus.UNCLAIMED);
  }

  @Test
  void a_requesters_reply_reopens_a_resolved_case_within_the_reopen_window_only() {
    post("carol", top(SUPPORT, "1000.0000", "carol", "Cannot log in"));
    post("ann", reply(SUPPORT, "1100.0000", "1000.0000", "ann", "Fixed, please retry"));
    bot.say(bot.person("ann"), "resolve 1");
    Instant resolved = onlyCase().resolvedAt().orElseThrow();

    post(
        "carol",
        reply(
            SUPPORT,
            ts(resolved.plus(Duration.ofDays(2))),
            "1000.0000",
            "carol",
            "It broke again"));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.CLAIMED);

    bot.say(bot.person("ann"), "resolve 1");
    Instant again = onlyCase().resolvedAt().orElseThrow();
    post(
        "carol",
        reply(SUPPORT, ts(again.plus(Duration.ofDays(8))), "1000.0000", "carol", "And once more"));
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void members_reactions_open_claim_and_resolve_and_requesters_reactions_do_nothing() {
    ChannelPost question = top(MANUAL, "1000.0000", "carol", "Where is my refund");
    post("carol", question);
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();

    react(
        "carol",
        new ChannelReaction(MANUAL, "1000.0000", "carol", false, "ticket", true),
        question);
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();

    react("bob", new ChannelReaction(MANUAL, "1000.0000", "bob", false, "ticket", true), question);
    react("ann", new ChannelReaction(MANUAL, "1000.0000", "ann", false, "ticket", true), question);
    SupportCase opened = onlyCase();
    assertThat(opened.createdBy()).isEqualTo("bob");
    assertThat(opened.source().get().requesterId()).isEqualTo("carol");

    react(
        "carol", new ChannelReaction(MANUAL, "1000.0000", "carol", false, "eyes", true), question);
    assertThat(onlyCase().ownerId()).isEmpty();
    react("bob", new ChannelReaction(MANUAL, "1000.0000", "bob", false, "eyes", true), question);
    assertThat(onlyCase().ownerId()).contains("bob");
    react(
        "bob",
        new ChannelReaction(MANUAL, "1000.0000", "bob", false, "white_check_mark", true),
        question);
    assertThat(onlyCase().status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void a_ticket_does_nothing_in_a_channel_whose_intake_is_off() {
    ChannelPost question = top(QUIET, "1000.0000", "carol", "Where is my refund");
    react("ann", new ChannelReaction(QUIET, "1000.0000", "ann", false, "ticket", true), question);

    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 1)).isEmpty();
  }

  @Test
  void pleasantries_are_short_question_free_listed_words_and_emoji() {
    dev.followupbot.core.team.Intake intake =
        bot.core.teams().forChannel(CoreHarness.ACME, SUPPORT).policy().intake();

    assertThat(intake.isPleasantry("Thanks!")).isTrue();
    assertThat(intake.isPleasantry("ok, thank you 🙏")).isTrue();
    assertThat(intake.isPleasantry(":+1:")).isTrue();
    assertThat(intake.isPleasantry("thanks thanks")).isTrue();
    assertThat(intake.isPleasantry("thanks?")).isFalse();
    assertThat(intake.isPleasantry("thanks, but the export still fails")).isFalse();
    assertThat(intake.isPleasantry("great")).isTrue();
    assertThat(intake.isPleasantry("great news, it works again now thanks")).isFalse();
  }

  private Caller admin() {
    return bot.person("dana");
  }

  private Handled post(String who, ChannelPost post) {
    return inbound.post(
        "T-ACME", new EventKey("slack", "T-ACME", "e" + (++events)), speaker(who), post);
  }

  private void react(String who, ChannelReaction reaction, ChannelPost root) {
    inbound.react(
        "T-ACME",
        new EventKey("slack", "T-ACME", "e" + (++events)),
        speaker(who),
        reaction,
        tenant ->
            Optional.of(
                new ConversationIntake.Opening(
                    root,
                    new Caller(
                        tenant,
                        root.authorId(),
                        root.authorId(),
                        ZoneId.of("UTC"),
                        root.channelId()))));
  }

  private Speaker speaker(String who) {
    return tenant -> new Caller(tenant, who, who, ZoneId.of("UTC"), SUPPORT);
  }

  private SupportCase onlyCase() {
    assertThat(bot.core.cases().findByNumber(CoreHarness.ACME, 2)).isEmpty();
    return bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow();
  }

  private static ChannelPost top(String channel, String ts, String who, String text) {
    return new ChannelPost(
        channel, ts, Optional.empty(), who, false, false, text, at(ts), Optional.empty());
  }

  private static ChannelPost reply(
      String channel, String ts, String root, String who, String text) {
    return new ChannelPost(
        channel, ts, Optional.of(root), who, false, false, text, at(ts), Optional.empty());
  }

  /** Slack's ts as the instant it names, on the test clock's day. */
  private static Instant at(String ts) {
    return Instant.parse("2026-11-23T09:00:00Z").plusMillis((long) (Double.parseDouble(ts) * 1000));
  }

  private static String ts(Instant at) {
    long millis = at.toEpochMilli() - Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    return String.format(java.util.Locale.ROOT, "%.4f", millis / 1000.0);
  }
}
