package dev.followupbot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportCaseTest {

  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static SupportCase unclaimed() {
    return SupportCase.open(
        TenantId.CONSOLE,
        1,
        Optional.empty(),
        "Refund for Acme",
        Optional.of("Dana"),
        Priority.HIGH,
        "console",
        "ann",
        T0);
  }

  private static SupportCase applied(Transition t) {
    assertThat(t).isInstanceOf(Transition.Applied.class);
    return ((Transition.Applied) t).after();
  }

  private static CaseEvent event(Transition t) {
    return ((Transition.Applied) t).event();
  }

  private static Refusal refusal(Transition t) {
    assertThat(t).isInstanceOf(Transition.Refused.class);
    return ((Transition.Refused) t).refusal();
  }

  private static SupportCase ownedBy(String owner) {
    return applied(unclaimed().claim(owner, T0));
  }

  @Test
  void claiming_an_unclaimed_case_makes_the_claimer_its_owner_and_records_it() {
    Transition t = unclaimed().claim("bob", T1);
    SupportCase after = applied(t);
    assertThat(after.status()).isEqualTo(CaseStatus.CLAIMED);
    assertThat(after.ownerId()).contains("bob");
    assertThat(after.claimedAt()).contains(T1);
    assertThat(after.version()).isEqualTo(1);
    CaseEvent e = event(t);
    assertThat(e.action()).isEqualTo(CaseAction.CLAIMED);
    assertThat(e.fromStatus()).contains(CaseStatus.UNCLAIMED);
    assertThat(e.toOwner()).contains("bob");
    assertThat(e.actorId()).isEqualTo("bob");
  }

  @Test
  void claiming_someone_elses_case_is_refused_with_owner_and_since() {
    assertThat(refusal(ownedBy("bob").claim("cy", T1)))
        .isEqualTo(new Refusal.OwnedBySomeoneElse("bob", T0));
    assertThat(refusal(ownedBy("bob").claim("bob", T1))).isInstanceOf(Refusal.AlreadyYours.class);
  }

  @Test
  void only_the_owner_or_an_admin_releases() {
    assertThat(refusal(ownedBy("bob").release("cy", false, T1)))
        .isEqualTo(new Refusal.OwnerOnly("bob"));
    SupportCase released = applied(ownedBy("bob").release("bob", false, T1));
    assertThat(released.status()).isEqualTo(CaseStatus.UNCLAIMED);
    assertThat(released.ownerId()).isEmpty();
    assertThat(applied(ownedBy("bob").release("admin", true, T1)).ownerId()).isEmpty();
    assertThat(refusal(unclaimed().release("bob", false, T1)))
        .isInstanceOf(Refusal.NotClaimed.class);
  }

  @Test
  void assigning_hands_over_explicitly_with_a_reason() {
    Transition t = ownedBy("bob").assign("bob", false, "cy", Optional.of("she knows them"), T1);
    assertThat(applied(t).ownerId()).contains("cy");
    assertThat(event(t).fromOwner()).contains("bob");
    assertThat(event(t).reason()).contains("she knows them");
    assertThat(refusal(ownedBy("bob").assign("dan", false, "dan", Optional.empty(), T1)))
        .isEqualTo(new Refusal.OwnerOnly("bob"));
    assertThat(refusal(ownedBy("bob").assign("bob", false, "bob", Optional.empty(), T1)))
        .isEqualTo(new Refusal.AlreadyAssigned("bob"));
    // Triage: anyone may give an unclaimed case an owner.
    assertThat(applied(unclaimed().assign("ann", false, "bob", Optional.empty(), T1)).status())
        .isEqualTo(CaseStatus.CLAIMED);
  }

  @Test
  void waiting_on_the_customer_counts_as_the_first_response_and_resume_returns_to_claimed() {
    SupportCase waiting =
        applied(ownedBy("bob").waitOnCustomer("bob", false, Optional.of(T1.plusSeconds(3600)), T1));
    assertThat(waiting.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
    assertThat(waiting.firstResponseAt()).contains(T1);
    assertThat(waiting.waitingUntil()).contains(T1.plusSeconds(3600));
    SupportCase resumed = applied(waiting.resume("bob", false, T1.plusSeconds(60)));
    assertThat(resumed.status()).isEqualTo(CaseStatus.CLAIMED);
    assertThat(resumed.waitingUntil()).isEmpty();
    assertThat(resumed.firstResponseAt()).contains(T1);
    assertThat(refusal(unclaimed().waitOnCustomer("bob", false, Optional.empty(), T1)))
        .isInstanceOf(Refusal.NotClaimed.class);
    assertThat(refusal(ownedBy("bob").resume("bob", false, T1)))
        .isEqualTo(new Refusal.WrongState(CaseStatus.CLAIMED));
  }

  @Test
  void resolving_and_reopening() {
    SupportCase resolved =
        applied(ownedBy("bob").resolve("bob", false, Optional.of("refund sent"), T1));
    assertThat(resolved.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(resolved.resolvedAt()).contains(T1);
    assertThat(refusal(ownedBy("bob").resolve("cy", false, Optional.empty(), T1)))
        .isEqualTo(new Refusal.OwnerOnly("bob"));
    assertThat(refusal(resolved.claim("cy", T1)))
        .isEqualTo(new Refusal.NotOpen(CaseStatus.RESOLVED));
    SupportCase reopened = applied(resolved.reopen("cy", Optional.of("customer replied"), T1));
    assertThat(reopened.status()).isEqualTo(CaseStatus.CLAIMED);
    assertThat(reopened.ownerId()).contains("bob");
    assertThat(reopened.resolvedAt()).isEmpty();
    assertThat(refusal(reopened.reopen("cy", Optional.empty(), T1)))
        .isEqualTo(new Refusal.WrongState(CaseStatus.CLAIMED));
  }

  @Test
  void resolving_an_unclaimed_case_makes_the_resolver_its_owner() {
    SupportCase resolved = applied(unclaimed().resolve("cy", false, Optional.empty(), T1));
    assertThat(resolved.ownerId()).contains("cy");
    assertThat(applied(resolved.reopen("ann", Optional.empty(), T1)).status())
        .isEqualTo(CaseStatus.CLAIMED);
  }

  @Test
  void only_resolved_cases_close() {
    assertThat(refusal(ownedBy("bob").close("bob", false, T1)))
        .isEqualTo(new Refusal.WrongState(CaseStatus.CLAIMED));
    SupportCase resolved = applied(ownedBy("bob").resolve("bob", false, Optional.empty(), T1));
    assertThat(refusal(resolved.close("cy", false, T1))).isEqualTo(new Refusal.OwnerOnly("bob"));
    SupportCase closed = applied(resolved.close("bob", false, T1));
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(applied(closed.reopen("bob", Optional.empty(), T1)).status())
        .isEqualTo(CaseStatus.CLAIMED);
  }

  @Test
  void an_edit_changes_what_the_case_is_about_and_records_each_change() {
    SupportCase owned = applied(unclaimed().claim("ann", T0));
    Transition t = owned.edit("zendesk", "Refund", Optional.empty(), Priority.URGENT, T1);
    SupportCase after = applied(t);
    assertThat(after.subject()).isEqualTo("Refund");
    assertThat(after.customer()).isEmpty();
    assertThat(after.priority()).isEqualTo(Priority.URGENT);
    assertThat(after.ownerId()).contains("ann");
    assertThat(after.status()).isEqualTo(CaseStatus.CLAIMED);
    assertThat(after.lastActivityAt()).isEqualTo(owned.lastActivityAt());
    assertThat(after.version()).isEqualTo(owned.version() + 1);
    assertThat(event(t).action()).isEqualTo(CaseAction.UPDATED);
    assertThat(event(t).reason())
        .contains(
            "subject \"Refund for Acme\" → \"Refund\"; customer Dana → none; priority high → urgent");
  }

  @Test
  void an_edit_that_changes_nothing_is_refused() {
    SupportCase c = unclaimed();
    assertThat(refusal(c.edit("ann", c.subject(), c.customer(), c.priority(), T1)))
        .isInstanceOf(Refusal.NothingToChange.class);
  }
}
