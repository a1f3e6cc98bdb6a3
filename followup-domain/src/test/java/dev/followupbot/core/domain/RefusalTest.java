package dev.followupbot.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalTest {

  @Test
  void each_refusal_has_the_code_api_clients_read() {
    List<Refusal> all =
        List.of(
            new Refusal.OwnedBySomeoneElse("U1", Instant.EPOCH),
            new Refusal.AlreadyYours(),
            new Refusal.OwnerOnly("U1"),
            new Refusal.NotClaimed(),
            new Refusal.NotOpen(CaseStatus.RESOLVED),
            new Refusal.WrongState(CaseStatus.CLAIMED),
            new Refusal.AlreadyAssigned("U1"),
            new Refusal.NothingToChange());

    assertThat(all.stream().map(r -> r.getClass()).distinct())
        .hasSameSizeAs(Refusal.class.getPermittedSubclasses());
    assertThat(all.stream().map(Refusal::code))
        .containsExactly(
            "owned_by_someone_else",
            "already_yours",
            "owner_only",
            "not_claimed",
            "not_open",
            "wrong_state",
            "already_assigned",
            "nothing_to_change");
  }
}
