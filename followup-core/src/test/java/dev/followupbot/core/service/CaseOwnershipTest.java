package dev.followupbot.core.service;

import static dev.followupbot.core.testing.CoreHarness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.config.FollowupConfig;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.message.Message;
import dev.followupbot.core.testing.CoreHarness;
import dev.followupbot.core.testing.RecordingMessenger;
import dev.followupbot.core.testing.Replies;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseOwnershipTest {

  private final CoreHarness bot =
      CoreHarness.onH2(
          CoreHarness.quiet(new FollowupConfig(ZoneId.of("UTC"), List.of("boss"), null, null)));
  private final Caller ann = bot.person("ann");
  private final Caller bob = bot.person("bob");
  private final Caller boss = bot.person("boss");

  @AfterEach
  void close() {
    bot.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void everyoneHasUsedTheBotBefore() {
    bot.say(bob, "help");
  }

  private SupportCase case1() {
    return bot.core.cases().findByNumber(CoreHarness.ACME, 1).orElseThrow();
  }

  private Message lastCard() {
    List<RecordingMessenger.Update> updates = bot.slack.updates();
    return updates.isEmpty()
        ? bot.slack.inChannel(CHANNEL).get(0).message()
        : updates.get(updates.size() - 1).message();
  }

  @Test
  void a_new_case_gets_the_next_number_and_a_card_in_its_channel() {
    assertThat(bot.text(ann, "new \"Refund for Acme\" for Dana !high"))
        .contains("Opened case #1 · Refund for Acme for Dana (high)")
        .contains("`claim 1`");
    assertThat(bot.text(ann, "new Second one")).contains("#2 · Second one");
    List<RecordingMessenger.Post> cards = bot.slack.inChannel(CHANNEL);
    assertThat(cards).hasSize(2);
    Message card = cards.get(0).message();
    assertThat(Replies.text(card))
        .contains(
            "#1 · Refund for Acme",
            "Customer: Dana",
            "Priority: high",
            "Status: unclaimed",
            "Owner: nobody yet");
    assertThat(Replies.buttonCommands(card)).containsExactly("claim 1", "resolve 1");
    assertThat(case1().card()).isPresent();
  }

  @Test
  void claim_then_the_card_is_updated_in_place() {
    bot.say(ann, "new Refund");
    assertThat(bot.text(bob, "claim 1")).contains("You own #1 · Refund now");
    assertThat(case1().ownerId()).contains("bob");
    assertThat(bot.slack.updates()).hasSize(1);
    assertThat(bot.slack.updates().get(0).ref()).isEqualTo(case1().card().orElseThrow());
    assertThat(Replies.text(lastCard())).contains("Status: claimed", "Owner: bob");
    assertThat(Replies.buttonCommands(lastCard())).containsExactly("release 1", "resolve 1");
  }

  @Test
  void claiming_an_owned_case_says_who_owns_it_since_when_and_how_to_ask() {
    bot.say(ann, "new Refund");
    bot.say(bob, "claim 1");
    bot.clock.advance(Duration.ofMinutes(12));
    assertThat(bot.text(ann, "claim 1"))
        .contains("already bob's, since 09:00 (12 min ago)")
        .contains("ask bob to hand it to you with `assign 1 @ann`");
    assertThat(case1().ownerId()).contains("bob");
  }

  @Test
  void only_the_owner_or_an_admin_may_release_assign_or_resolve() {
    bot.say(ann, "new Refund");
    bot.say(bob, "claim 1");
    assertThat(bot.text(ann, "release 1")).contains("Only bob (the owner) or an admin can release");
    assertThat(bot.text(ann, "resolve 1")).contains("Only bob (the owner) or an admin can resolve");
    assertThat(bot.text(ann, "assign 1 @ann"))
        .contains("Only bob (the owner) or an admin can assign");
    assertThat(case1().ownerId()).contains("bob");
    assertThat(bot.text(boss, "release 1")).contains("You released #1");
    assertThat(case1().status()).isEqualTo(CaseStatus.UNCLAIMED);
  }

  @Test
  void assigning_tells_the_new_owner_directly() {
    bot.say(ann, "new Refund !urgent");
    bot.say(ann, "claim 1");
    assertThat(bot.text(ann, "assign 1 @bob she knows the account"))
        .contains("#1 · Refund is now bob's. I've let them know.");
    List<RecordingMessenger.Post> dms = bot.slack.directTo("bob");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message()))
        .contains("ann handed you case #1 · Refund (urgent): she knows the account");
    assertThat(Replies.buttonCommands(dms.get(0).message())).contains("show 1", "release 1");
  }

  @Test
  void the_whole_life_of_a_case_is_in_its_history() {
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    bot.say(ann, "wait 1");
    bot.say(ann, "resume 1");
    bot.say(ann, "assign 1 @bob vacation");
    bot.say(bob, "resolve 1 refund sent");
    bot.say(ann, "reopen 1 customer replied");
    bot.say(bob, "resolve 1");
    bot.say(bob, "close 1");
    List<CaseAction> actions =
        bot.core.cases().history(CoreHarness.ACME, case1().id()).stream()
            .map(e -> e.action())
            .toList();
    assertThat(actions)
        .containsExactly(
            CaseAction.CREATED,
            CaseAction.CLAIMED,
            CaseAction.WAITING,
            CaseAction.RESUMED,
            CaseAction.ASSIGNED,
            CaseAction.RESOLVED,
            CaseAction.REOPENED,
            CaseAction.RESOLVED,
            CaseAction.CLOSED);
    assertThat(bot.text(ann, "show 1"))
        .contains("ann assigned it to bob: vacation")
        .contains("bob resolved it: refund sent")
        .contains("ann reopened it: customer replied");
  }

  @Test
  void refusals_name_the_way_forward() {
    bot.say(ann, "new Refund");
    assertThat(bot.text(ann, "release 1")).contains("isn't claimed, so there's nothing to release");
    assertThat(bot.text(ann, "wait 1")).contains("has no owner yet. `claim 1` first");
    assertThat(bot.text(ann, "resume 1")).contains("isn't waiting on the customer");
    assertThat(bot.text(ann, "close 1")).contains("Only resolved cases can be closed");
    bot.say(ann, "resolve 1");
    assertThat(bot.text(bob, "claim 1")).contains("is resolved. `reopen 1` first");
    assertThat(bot.text(ann, "claim 99")).contains("I can't find case #99 here");
  }

  @Test
  void a_case_can_be_named_by_its_helpdesk_reference_and_is_not_opened_twice() {
    bot.say(ann, "new Printer on fire ref:ZD-4211");
    assertThat(bot.text(bob, "claim ZD-4211")).contains("You own #1 · Printer on fire");
    assertThat(bot.text(ann, "new Printer again ref:ZD-4211"))
        .contains("There is already a case for ZD-4211");
    assertThat(bot.text(ann, "cases all")).contains("#1 ·").doesNotContain("#2 ·");
  }

  @Test
  void cases_lists_by_filter() {
    bot.say(ann, "new One");
    bot.say(ann, "new Two");
    bot.say(bob, "claim 2");
    assertThat(bot.text(ann, "cases")).contains("#1 · One", "#2 · Two");
    assertThat(bot.text(ann, "cases unclaimed")).contains("#1 · One").doesNotContain("#2");
    assertThat(bot.text(bob, "cases mine"))
        .contains("#2 · Two — normal, claimed by bob")
        .doesNotContain("#1");
    assertThat(bot.text(ann, "cases mine")).contains("You have no open cases");
  }

  @Test
  void waiting_until_a_time_reminds_the_owner_and_any_change_cancels_that() {
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    assertThat(bot.text(ann, "wait 1 until tomorrow 10am"))
        .contains("I'll remind you tomorrow 10:00");
    bot.advance(Duration.ofHours(25));
    List<RecordingMessenger.Post> dms = bot.slack.directTo("ann");
    assertThat(dms).hasSize(1);
    assertThat(Replies.text(dms.get(0).message())).contains("Time to check on #1 · Refund");
    assertThat(Replies.buttonCommands(dms.get(0).message())).contains("show 1");

    bot.say(ann, "wait 1 until in 2h");
    bot.say(ann, "resume 1");
    bot.advance(Duration.ofHours(3));
    assertThat(bot.slack.directTo("ann")).hasSize(1);
  }
}
