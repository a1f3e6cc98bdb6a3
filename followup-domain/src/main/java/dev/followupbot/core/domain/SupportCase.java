package dev.followupbot.core.domain;

import dev.followupbot.core.message.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer case and its ownership rules. One owner at a time; every change of hands is explicit
 * and produces a history entry. Methods never mutate: they return a {@link Transition}.
 *
 * <p>"First response" is recorded the first time the owner reports an answer to the customer: when
 * the case goes to waiting-on-customer or is resolved.
 */
public record SupportCase(
    long id,
    TenantId tenant,
    int number,
    Optional<String> externalRef,
    String subject,
    Optional<String> customer,
    Priority priority,
    String channelId,
    CaseStatus status,
    Optional<String> ownerId,
    String createdBy,
    Instant createdAt,
    Optional<Instant> claimedAt,
    Optional<Instant> firstResponseAt,
    Optional<Instant> resolvedAt,
    Instant lastActivityAt,
    Optional<Instant> waitingUntil,
    Optional<MessageRef> card,
    Optional<CaseSource> source,
    int version) {

  public static final int MAX_SUBJECT = 500;
  public static final int MAX_CUSTOMER = 200;
  public static final int MAX_REASON = 1000;

  public SupportCase {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(externalRef, "externalRef");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(firstResponseAt, "firstResponseAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    Objects.requireNonNull(waitingUntil, "waitingUntil");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(source, "source");
    if (subject.isBlank() || subject.length() > MAX_SUBJECT) {
      throw new IllegalArgumentException("subject must be 1-" + MAX_SUBJECT + " characters");
    }
  }

  /** A new, unclaimed case before it is stored (id 0, number assigned by the repository). */
  public static SupportCase open(
      TenantId tenant,
      int number,
      Optional<String> externalRef,
      String subject,
      Optional<String> customer,
      Priority priority,
      String channelId,
      String createdBy,
      Instant now) {
    return new SupportCase(
        0,
        tenant,
        number,
        externalRef,
        subject,
        customer,
        priority,
        channelId,
        CaseStatus.UNCLAIMED,
        Optional.empty(),
        createdBy,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0);
  }

  /** The same new case, opened from a conversation: its thread is the case's record. */
  public SupportCase from(CaseSource conversation) {
    return copy().source(Optional.of(conversation)).build();
  }

  public boolean isOwnedBy(String userId) {
    return ownerId.filter(userId::equals).isPresent();
  }

  /** Takes an unclaimed case. Claiming someone else's case is refused; hand-offs are explicit. */
  public Transition claim(String actor, Instant now) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (ownerId.isPresent()) {
      return isOwnedBy(actor)
          ? refuse(new Refusal.AlreadyYours())
          : refuse(new Refusal.OwnedBySomeoneElse(ownerId.get(), claimedAt.orElse(createdAt)));
    }
    return apply(
        actor,
        CaseAction.CLAIMED,
        CaseStatus.CLAIMED,
        Optional.of(actor),
        Optional.of(now),
        firstResponseAt,
        resolvedAt,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /** Gives the case back to the team. Only its owner or an admin may. */
  public Transition release(String actor, boolean admin, Instant now) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (ownerId.isEmpty()) {
      return refuse(new Refusal.NotClaimed());
    }
    if (!isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.get()));
    }
    return apply(
        actor,
        CaseAction.RELEASED,
        CaseStatus.UNCLAIMED,
        Optional.empty(),
        Optional.empty(),
        firstResponseAt,
        resolvedAt,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /**
   * Hands the case to someone. Anyone may assign an unclaimed case (triage); an owned case only by
   * its owner or an admin.
   */
  public Transition assign(
      String actor, boolean admin, String assignee, Optional<String> reason, Instant now) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (isOwnedBy(assignee)) {
      return refuse(new Refusal.AlreadyAssigned(assignee));
    }
    if (ownerId.isPresent() && !isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.get()));
    }
    CaseStatus next =
        status == CaseStatus.WAITING_ON_CUSTOMER
            ? CaseStatus.WAITING_ON_CUSTOMER
            : CaseStatus.CLAIMED;
    return apply(
        actor,
        CaseAction.ASSIGNED,
        next,
        Optional.of(assignee),
        Optional.of(now),
        firstResponseAt,
        resolvedAt,
        waitingUntil,
        reason,
        now);
  }

  /** The owner has answered and now waits on the customer, optionally until a given time. */
  public Transition waitOnCustomer(
      String actor, boolean admin, Optional<Instant> until, Instant now) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (ownerId.isEmpty()) {
      return refuse(new Refusal.NotClaimed());
    }
    if (!isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.get()));
    }
    return apply(
        actor,
        CaseAction.WAITING,
        CaseStatus.WAITING_ON_CUSTOMER,
        ownerId,
        claimedAt,
        firstResponseAt.or(() -> Optional.of(now)),
        resolvedAt,
        until,
        Optional.empty(),
        now);
  }

  /** The customer is back (or the wait is over): the owner is on it again. */
  public Transition resume(String actor, boolean admin, Instant now) {
    if (status != CaseStatus.WAITING_ON_CUSTOMER) {
      return refuse(new Refusal.WrongState(status));
    }
    if (!isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.orElse(actor)));
    }
    return apply(
        actor,
        CaseAction.RESUMED,
        CaseStatus.CLAIMED,
        ownerId,
        claimedAt,
        firstResponseAt,
        resolvedAt,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /**
   * Marks the case solved. The owner or an admin may; resolving an unclaimed case makes the
   * resolver its owner, so every solved case has someone to check in with the customer.
   */
  public Transition resolve(String actor, boolean admin, Optional<String> note, Instant now) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (ownerId.isPresent() && !isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.get()));
    }
    Optional<String> owner = ownerId.isPresent() ? ownerId : Optional.of(actor);
    return apply(
        actor,
        CaseAction.RESOLVED,
        CaseStatus.RESOLVED,
        owner,
        claimedAt.or(() -> Optional.of(now)),
        firstResponseAt.or(() -> Optional.of(now)),
        Optional.of(now),
        Optional.empty(),
        note,
        now);
  }

  /** Brings a resolved or closed case back; it returns to its previous owner if it had one. */
  public Transition reopen(String actor, Optional<String> reason, Instant now) {
    if (status.isOpen()) {
      return refuse(new Refusal.WrongState(status));
    }
    CaseStatus next = ownerId.isPresent() ? CaseStatus.CLAIMED : CaseStatus.UNCLAIMED;
    return apply(
        actor,
        CaseAction.REOPENED,
        next,
        ownerId,
        claimedAt,
        firstResponseAt,
        Optional.empty(),
        Optional.empty(),
        reason,
        now);
  }

  /**
   * The owner reports progress ("still on it"): the case is alive, which resets its stale timer.
   */
  public Transition progress(String actor, boolean admin, Optional<String> note, Instant now) {
    Optional<Transition> refused = ownerOnlyWhileOpen(actor, admin);
    if (refused.isPresent()) {
      return refused.get();
    }
    return apply(
        actor,
        CaseAction.PROGRESS,
        status,
        ownerId,
        claimedAt,
        firstResponseAt,
        resolvedAt,
        waitingUntil,
        note,
        now);
  }

  /** The owner answered the customer; the first answer is the case's first response. */
  public Transition answered(String actor, boolean admin, Optional<String> note, Instant now) {
    Optional<Transition> refused = ownerOnlyWhileOpen(actor, admin);
    if (refused.isPresent()) {
      return refused.get();
    }
    return apply(
        actor,
        CaseAction.ANSWERED,
        status,
        ownerId,
        claimedAt,
        firstResponseAt.or(() -> Optional.of(now)),
        resolvedAt,
        waitingUntil,
        note,
        now);
  }

  private Optional<Transition> ownerOnlyWhileOpen(String actor, boolean admin) {
    if (!status.isOpen()) {
      return Optional.of(refuse(new Refusal.NotOpen(status)));
    }
    if (ownerId.isEmpty()) {
      return Optional.of(refuse(new Refusal.NotClaimed()));
    }
    if (!isOwnedBy(actor) && !admin) {
      return Optional.of(refuse(new Refusal.OwnerOnly(ownerId.get())));
    }
    return Optional.empty();
  }

  /**
   * A team member replied in the case's thread at {@code at}. The first reply is the first response
   * and, when {@code claims} and nobody owns the case, makes the replier its owner; an owned case
   * then waits on the customer. A reply while the case already waits changes nothing.
   */
  public Transition teamReplied(String member, boolean claims, Instant at) {
    if (!status.isOpen()) {
      return refuse(new Refusal.NotOpen(status));
    }
    if (status == CaseStatus.WAITING_ON_CUSTOMER) {
      return refuse(new Refusal.WrongState(status));
    }
    Optional<String> owner = ownerId.isPresent() || !claims ? ownerId : Optional.of(member);
    Optional<Instant> claimed = ownerId.isPresent() ? claimedAt : owner.map(o -> at);
    CaseStatus next = owner.isPresent() ? CaseStatus.WAITING_ON_CUSTOMER : CaseStatus.UNCLAIMED;
    boolean first = firstResponseAt.isEmpty();
    if (!first && next == CaseStatus.UNCLAIMED) {
      return refuse(new Refusal.NotClaimed());
    }
    return apply(
        member,
        first ? CaseAction.FIRST_RESPONSE : CaseAction.WAITING,
        next,
        owner,
        claimed,
        firstResponseAt.or(() -> Optional.of(at)),
        resolvedAt,
        Optional.empty(),
        Optional.empty(),
        at);
  }

  /**
   * The customer wrote in the case's thread at {@code at}: a case waiting on them is the team's
   * turn again, and a resolved case comes back when they write within {@code reopenWithin} of its
   * resolution. Otherwise it is already the team's turn, and nothing changes.
   */
  public Transition customerReplied(String requester, Duration reopenWithin, Instant at) {
    CaseStatus teamsTurn = ownerId.isPresent() ? CaseStatus.CLAIMED : CaseStatus.UNCLAIMED;
    if (status == CaseStatus.WAITING_ON_CUSTOMER) {
      return apply(
          requester,
          CaseAction.CUSTOMER_REPLIED,
          teamsTurn,
          ownerId,
          claimedAt,
          firstResponseAt,
          resolvedAt,
          Optional.empty(),
          Optional.empty(),
          at);
    }
    if (status == CaseStatus.RESOLVED
        && resolvedAt.isPresent()
        && !at.isAfter(resolvedAt.get().plus(reopenWithin))) {
      return apply(
          requester,
          CaseAction.REOPENED,
          teamsTurn,
          ownerId,
          claimedAt,
          firstResponseAt,
          Optional.empty(),
          Optional.empty(),
          Optional.of("the customer replied"),
          at);
    }
    return refuse(new Refusal.WrongState(status));
  }

  /** Who the history names for what followup-bot does on its own (an auto-resolve). */
  public static final String BOT = "followup-bot";

  /** Why an auto-resolved case was resolved, as its history records it. */
  public static final String NO_REPLY = "no reply";

  /**
   * The customer wrote only a pleasantry at {@code at} while the case waited on them: it still
   * waits, and their silence counts from now.
   */
  public Transition customerAcknowledged(String requester, Instant at) {
    if (status != CaseStatus.WAITING_ON_CUSTOMER) {
      return refuse(new Refusal.WrongState(status));
    }
    return apply(
        requester,
        CaseAction.CUSTOMER_ACKNOWLEDGED,
        status,
        ownerId,
        claimedAt,
        firstResponseAt,
        resolvedAt,
        waitingUntil,
        Optional.empty(),
        at);
  }

  /**
   * The requester has not written since {@code silentSince}, when the case began waiting on them:
   * followup-bot resolves it with the reason {@value #NO_REPLY}. Anything that happened to the case
   * since then (a reply, a claim, a wait with a date) refuses, so a late decision is harmless.
   */
  public Transition resolveAfterSilence(Instant silentSince, Instant now) {
    if (status != CaseStatus.WAITING_ON_CUSTOMER
        || waitingUntil.isPresent()
        || ownerId.isEmpty()
        || !lastActivityAt.equals(silentSince)) {
      return refuse(new Refusal.WrongState(status));
    }
    return apply(
        BOT,
        CaseAction.RESOLVED,
        CaseStatus.RESOLVED,
        ownerId,
        claimedAt,
        firstResponseAt,
        Optional.of(now),
        Optional.empty(),
        Optional.of(NO_REPLY),
        now);
  }

  /** Files a resolved case away for good. Only its owner or an admin may. */
  public Transition close(String actor, boolean admin, Instant now) {
    if (status != CaseStatus.RESOLVED) {
      return refuse(new Refusal.WrongState(status));
    }
    if (ownerId.isPresent() && !isOwnedBy(actor) && !admin) {
      return refuse(new Refusal.OwnerOnly(ownerId.get()));
    }
    return apply(
        actor,
        CaseAction.CLOSED,
        CaseStatus.CLOSED,
        ownerId,
        claimedAt,
        firstResponseAt,
        resolvedAt,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  /**
   * Changes what the case is about: its subject, customer and priority, as its helpdesk ticket now
   * says. Ownership and status stay as they are, and so does the last activity, so an edit neither
   * restarts the unclaimed chain nor counts as the owner's progress. An edit that changes nothing
   * is refused.
   */
  public Transition edit(
      String actor,
      String newSubject,
      Optional<String> newCustomer,
      Priority newPriority,
      Instant now) {
    List<String> changes = new ArrayList<>();
    if (!newSubject.equals(subject)) {
      changes.add("subject \"" + subject + "\" → \"" + newSubject + "\"");
    }
    if (!newCustomer.equals(customer)) {
      changes.add("customer " + customer.orElse("none") + " → " + newCustomer.orElse("none"));
    }
    if (newPriority != priority) {
      changes.add("priority " + priority.label() + " → " + newPriority.label());
    }
    if (changes.isEmpty()) {
      return refuse(new Refusal.NothingToChange());
    }
    SupportCase after =
        copy()
            .subject(newSubject)
            .customer(newCustomer)
            .priority(newPriority)
            .version(version + 1)
            .build();
    String reason = String.join("; ", changes);
    CaseEvent event =
        new CaseEvent(
            id,
            now,
            actor,
            CaseAction.UPDATED,
            Optional.of(status),
            status,
            ownerId,
            ownerId,
            Optional.of(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason));
    return new Transition.Applied(after, event);
  }

  /** The same case with its card location recorded. Not a transition: no history entry. */
  public SupportCase withCard(MessageRef ref) {
    return copy().card(Optional.of(ref)).build();
  }

  private static Transition refuse(Refusal refusal) {
    return new Transition.Refused(refusal);
  }

  private Transition apply(
      String actor,
      CaseAction action,
      CaseStatus nextStatus,
      Optional<String> nextOwner,
      Optional<Instant> nextClaimedAt,
      Optional<Instant> nextFirstResponse,
      Optional<Instant> nextResolvedAt,
      Optional<Instant> nextWaitingUntil,
      Optional<String> reason,
      Instant now) {
    SupportCase after =
        copy()
            .status(nextStatus)
            .owner(nextOwner, nextClaimedAt)
            .times(nextFirstResponse, nextResolvedAt, now, nextWaitingUntil)
            .version(version + 1)
            .build();
    CaseEvent event =
        new CaseEvent(
            id,
            now,
            actor,
            action,
            Optional.of(status),
            nextStatus,
            ownerId,
            nextOwner,
            reason.map(r -> r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r));
    return new Transition.Applied(after, event);
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** This case with a few components changed: what a transition or an edit makes of it. */
  private static final class Copy {
    private final SupportCase base;
    private String subject;
    private Optional<String> customer;
    private Priority priority;
    private CaseStatus status;
    private Optional<String> ownerId;
    private Optional<Instant> claimedAt;
    private Optional<Instant> firstResponseAt;
    private Optional<Instant> resolvedAt;
    private Instant lastActivityAt;
    private Optional<Instant> waitingUntil;
    private Optional<MessageRef> card;
    private Optional<CaseSource> source;
    private int version;

    private Copy(SupportCase c) {
      base = c;
      subject = c.subject;
      customer = c.customer;
      priority = c.priority;
      status = c.status;
      ownerId = c.ownerId;
      claimedAt = c.claimedAt;
      firstResponseAt = c.firstResponseAt;
      resolvedAt = c.resolvedAt;
      lastActivityAt = c.lastActivityAt;
      waitingUntil = c.waitingUntil;
      card = c.card;
      source = c.source;
      version = c.version;
    }

    Copy subject(String value) {
      subject = value;
      return this;
    }

    Copy customer(Optional<String> value) {
      customer = value;
      return this;
    }

    Copy priority(Priority value) {
      priority = value;
      return this;
    }

    Copy status(CaseStatus value) {
      status = value;
      return this;
    }

    Copy owner(Optional<String> owner, Optional<Instant> since) {
      ownerId = owner;
      claimedAt = since;
      return this;
    }

    Copy times(
        Optional<Instant> firstResponse,
        Optional<Instant> resolved,
        Instant lastActivity,
        Optional<Instant> waiting) {
      firstResponseAt = firstResponse;
      resolvedAt = resolved;
      lastActivityAt = lastActivity;
      waitingUntil = waiting;
      return this;
    }

    Copy card(Optional<MessageRef> value) {
      card = value;
      return this;
    }

    Copy source(Optional<CaseSource> value) {
      source = value;
      return this;
    }

    Copy version(int value) {
      version = value;
      return this;
    }

    SupportCase build() {
      return new SupportCase(
          base.id,
          base.tenant,
          base.number,
          base.externalRef,
          subject,
          customer,
          priority,
          base.channelId,
          status,
          ownerId,
          base.createdBy,
          base.createdAt,
          claimedAt,
          firstResponseAt,
          resolvedAt,
          lastActivityAt,
          waitingUntil,
          card,
          source,
          version);
    }
  }
}
