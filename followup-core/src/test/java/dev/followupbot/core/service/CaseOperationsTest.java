package dev.followupbot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.followupbot.core.api.Cases;
import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Priority;
import dev.followupbot.core.domain.Refusal;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.testing.CoreHarness;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The structured operation behind chat and the REST API: one transition, one history entry, the
 * same refusals, whoever asks and however.
 */
class CaseOperationsTest {

  private final CoreHarness bot = CoreHarness.onH2();
  private final Caller ann = bot.person("ann");

  @AfterEach
  void close() {
    bot.close();
  }

  private static Actor api(TenantId tenant, String userId) {
    return new Actor(tenant, userId, userId, ZoneId.of("UTC"), true, Optional.of("API"));
  }

  private Cases cases() {
    return bot.core.cases();
  }

  private SupportCase caseNumber(int n) {
    return bot.core.cases().findByNumber(CoreHarness.ACME, n).orElseThrow();
  }

  private CaseDraft draft(String ref, String subject, Optional<Priority> priority) {
    return new CaseDraft(
        Optional.of(ref), subject, Optional.of("Dana"), priority, CoreHarness.CHANNEL);
  }

  @Test
  void an_api_change_acts_with_admin_rights_and_the_history_says_it_came_via_the_api() {
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    CaseOutcome outcome =
        cases()
            .perform(
                api(CoreHarness.ACME, "zendesk"),
                caseNumber(1).id(),
                new CaseChange.Resolve(Optional.of("solved in Zendesk")));
    assertThat(outcome).isInstanceOf(CaseOutcome.Applied.class);
    CaseEvent event = ((CaseOutcome.Applied) outcome).event();
    assertThat(event.actorId()).isEqualTo("zendesk");
    assertThat(event.via()).contains("API");
    assertThat(caseNumber(1).status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(caseNumber(1).ownerId()).contains("ann");
    assertThat(bot.text(ann, "show 1"))
        .contains("zendesk resolved it: solved in Zendesk (via API)");
  }

  @Test
  void chat_keeps_its_refusals_and_the_structured_operation_reports_them_as_reasons() {
    bot.say(ann, "new Refund");
    bot.say(ann, "claim 1");
    Actor bob =
        new Actor(CoreHarness.ACME, "bob", "Bob", ZoneId.of("UTC"), false, Optional.empty());
    CaseOutcome outcome =
        cases().perform(bob, new CaseRef(Optional.of(1), Optional.empty()), new CaseChange.Claim());
    assertThat(outcome).isInstanceOf(CaseOutcome.Refused.class);
    assertThat(((CaseOutcome.Refused) outcome).refusal())
        .isInstanceOf(Refusal.OwnedBySomeoneElse.class);
    assertThat(bot.text(bot.person("bob"), "claim 1")).contains("#1 · Refund is already ann's");
  }

  @Test
  void opening_a_known_helpdesk_reference_again_updates_that_case_instead_of_making_another() {
    OpenOutcome first =
        cases()
            .openOrUpdate(
                api(CoreHarness.ACME, "zendesk"), draft("4211", "Refund", Optional.empty()));
    assertThat(first).isInstanceOf(OpenOutcome.Opened.class);
    assertThat(((OpenOutcome.Opened) first).opened().priority()).isEqualTo(Priority.NORMAL);

    OpenOutcome again =
        cases()
            .openOrUpdate(
                api(CoreHarness.ACME, "zendesk"), draft("4211", "Refund", Optional.empty()));
    assertThat(again).isInstanceOf(OpenOutcome.Updated.class);
    assertThat(((OpenOutcome.Updated) again).outcome()).isInstanceOf(CaseOutcome.Refused.class);

    bot.clock.advance(Duration.ofMinutes(5));
    OpenOutcome changed =
        cases()
            .openOrUpdate(
                api(CoreHarness.ACME, "zendesk"),
                draft("4211", "Refund for Acme", Optional.of(Priority.HIGH)));
    CaseOutcome.Applied applied = (CaseOutcome.Applied) ((OpenOutcome.Updated) changed).outcome();
    assertThat(applied.event().action()).isEqualTo(CaseAction.UPDATED);
    assertThat(applied.event().reason().orElseThrow())
        .isEqualTo("subject \"Refund\" → \"Refund for Acme\"; priority normal → high");
    assertThat(applied.after().lastActivityAt())
        .as("an edit is not activity")
        .isEqualTo(applied.before().lastActivityAt());
    assertThat(
            bot.core
                .cases()
                .list(
                    CoreHarness.ACME,
                    java.util.EnumSet.allOf(CaseStatus.class),
                    Optional.empty(),
                    10))
        .hasSize(1);
    assertThat(caseNumber(1).customer()).contains("Dana");
  }

  @Test
  void an_edit_leaves_owner_status_and_pending_reminders_alone_and_can_remove_the_customer() {
    bot.say(ann, "new Refund for Dana");
    bot.say(ann, "claim 1");
    bot.say(ann, "wait 1 until tomorrow 9am");
    CaseOutcome outcome =
        cases()
            .perform(
                api(CoreHarness.ACME, "zendesk"),
                caseNumber(1).id(),
                new CaseChange.Edit(
                    Optional.empty(), Optional.empty(), true, Optional.of(Priority.URGENT)));
    SupportCase after = ((CaseOutcome.Applied) outcome).after();
    assertThat(after.customer()).isEmpty();
    assertThat(after.priority()).isEqualTo(Priority.URGENT);
    assertThat(after.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(after.ownerId()).contains("ann");
    assertThat(bot.storage.reminders().pendingForCase(CoreHarness.ACME, after.id()))
        .as("the wait's reminder still stands")
        .hasSize(1);
  }

  @Test
  void another_workspace_cannot_change_a_case_even_by_its_id() {
    bot.say(ann, "new Secret");
    long id = caseNumber(1).id();
    CaseOutcome outcome =
        cases()
            .perform(
                api(CoreHarness.GLOBEX, "mallory"), id, new CaseChange.Resolve(Optional.empty()));
    assertThat(outcome).isInstanceOf(CaseOutcome.NotFound.class);
    assertThat(caseNumber(1).status()).isEqualTo(CaseStatus.UNCLAIMED);
    assertThat(bot.core.cases().history(CoreHarness.ACME, id))
        .extracting(CaseEvent::action)
        .containsExactly(CaseAction.CREATED);
    assertThat(
            cases()
                .openOrUpdate(
                    api(CoreHarness.GLOBEX, "mallory"),
                    new CaseDraft(
                        Optional.of("4211"), "Theirs", Optional.empty(), Optional.empty(), "C-G")))
        .isInstanceOf(OpenOutcome.Opened.class);
    assertThat(List.of(caseNumber(1).subject())).containsExactly("Secret");
  }
}
