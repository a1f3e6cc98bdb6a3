package dev.followupbot.core.service;

import dev.followupbot.core.command.CaseRef;
import dev.followupbot.core.domain.CaseAction;
import dev.followupbot.core.domain.CaseEvent;
import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.Reminder;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.Transition;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseThreads;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.ReminderScheduler;
import dev.followupbot.core.port.TenantRepository;
import dev.followupbot.core.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one operation behind every way a case changes: chat commands, buttons and the REST API all
 * open and change cases here, and get an outcome back (applied, refused with the domain's reason,
 * not found, or busy), never a sentence. Each change is one transaction: the case, its history
 * entry and the messages it causes land together, and the messages are delivered afterwards from
 * the outbox.
 */
final class CaseLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CaseService.class);

  private final Transactions tx;
  private final TenantRepository tenants;
  private final CaseRepository cases;
  private final CaseThreads threads;
  private final Outbox outbox;
  private final ReminderAlarms alarms;
  private final Directory directory;
  private final CaseCards cards;
  private final CaseWatch watch;
  private final WebhookEvents webhooks;
  private final CoreMetrics metrics;
  private final CaseTimings timings;
  private final CaseEffects effects;
  private final Clock clock;

  CaseLifecycle(
      Transactions tx,
      TenantRepository tenants,
      CaseRepository cases,
      CaseThreads threads,
      Outbox outbox,
      ReminderScheduler scheduler,
      Directory directory,
      CaseCards cards,
      CaseWatch watch,
      WebhookEvents webhooks,
      CoreMetrics metrics,
      CaseEffects effects,
      Clock clock) {
    this.tx = tx;
    this.tenants = tenants;
    this.cases = cases;
    this.threads = threads;
    this.outbox = outbox;
    this.alarms = new ReminderAlarms(scheduler);
    this.directory = directory;
    this.cards = cards;
    this.watch = watch;
    this.webhooks = webhooks;
    this.metrics = metrics;
    this.timings = new CaseTimings(cases, metrics);
    this.effects = effects;
    this.clock = clock;
  }

  /**
   * Opens the case the draft describes or, when its helpdesk reference names an existing case of
   * the actor's workspace, updates that case instead: retrying the same request never makes a
   * second case, even when two copies race.
   */
  OpenOutcome openOrUpdate(Actor actor, CaseDraft draft) {
    if (draft.externalRef().isPresent()) {
      Optional<SupportCase> existing =
          cases.findByExternalRef(actor.tenant(), draft.externalRef().get());
      if (existing.isPresent()) {
        return new OpenOutcome.Updated(perform(actor, existing.get().id(), editFrom(draft)));
      }
    }
    try {
      return create(actor, draft);
    } catch (RuntimeException e) {
      Optional<SupportCase> raced =
          draft.externalRef().flatMap(ref -> cases.findByExternalRef(actor.tenant(), ref));
      if (raced.isEmpty()) {
        throw e;
      }
      // Another request opened the same reference a moment ago; update that one.
      return new OpenOutcome.Updated(perform(actor, raced.get().id(), editFrom(draft)));
    }
  }

  private static CaseChange.Edit editFrom(CaseDraft draft) {
    return new CaseChange.Edit(
        Optional.of(draft.subject()), draft.customer(), false, draft.priority());
  }

  /** Opens a new case and queues its card; fails if its helpdesk reference is taken. */
  OpenOutcome.Opened create(Actor actor, CaseDraft draft) {
    return create(actor, draft, Optional.empty(), clock.instant())
        .orElseThrow(
            () -> new IllegalStateException("a case without a conversation is never taken"));
  }

  /**
   * Opens a new case from a conversation, as of the moment its first message was posted; empty when
   * that message already belongs to a case (another node, or another person, was first).
   */
  Optional<OpenOutcome.Opened> openFrom(
      Actor actor, CaseDraft draft, CaseSource source, Instant postedAt) {
    try {
      return create(actor, draft, Optional.of(source), postedAt);
    } catch (RuntimeException e) {
      if (threads.caseOf(actor.tenant(), source.channelId(), source.messageId()).isPresent()) {
        return Optional.empty(); // the other copy's insert won the race at the unique key
      }
      throw e;
    }
  }

  /** Thrown inside the transaction to roll back a case whose message another case took. */
  private static final class MessageTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MessageTaken() {
      super(null, null, false, false);
    }
  }

  private Optional<OpenOutcome.Opened> create(
      Actor actor, CaseDraft draft, Optional<CaseSource> source, Instant now) {
    TenantId tenant = actor.tenant();
    directory.ensureTenant(tenant);
    List<Long> deliveries = new ArrayList<>();
    SupportCase created =
        tx.inTransaction(
            () -> {
              SupportCase opened =
                  SupportCase.open(
                      tenant,
                      tenants.nextCaseNumber(tenant),
                      draft.externalRef(),
                      draft.subject(),
                      draft.customer(),
                      draft.priority().orElse(dev.followupbot.core.domain.Priority.NORMAL),
                      draft.channelId(),
                      actor.userId(),
                      now);
              SupportCase stored = cases.insert(source.map(opened::from).orElse(opened));
              if (source.isPresent()
                  && !threads.link(
                      tenant,
                      source.get().channelId(),
                      source.get().messageId(),
                      stored.id(),
                      source.get().requesterId(),
                      now)) {
                throw new MessageTaken();
              }
              CaseEvent event =
                  new CaseEvent(
                          stored.id(),
                          now,
                          actor.userId(),
                          CaseAction.CREATED,
                          Optional.empty(),
                          CaseStatus.UNCLAIMED,
                          Optional.empty(),
                          Optional.empty(),
                          Optional.empty())
                      .via(actor.via());
              long eventId = cases.append(tenant, event);
              webhooks.caseChanged(stored, event, eventId);
              deliveries.add(
                  outbox.enqueue(OutboxEntry.caseCard(tenant, stored.id(), clock.instant())));
              return stored;
            });
    log.info(
        "case opened tenant={} case={} by={}{} priority={} team={}",
        tenant,
        created.number(),
        actor.userId(),
        actor.via().map(v -> " via=" + v).orElse(""),
        created.priority().label(),
        cards.teamOf(created).id());
    webhooks.announce(created.id());
    watch.afterChange(created.tenant(), created.id());
    return Optional.of(new OpenOutcome.Opened(created, deliveries));
  }

  /**
   * Applies a change to the case a person named, as one transaction, and says what became of it.
   * This is the operation behind every chat command and button that changes a case.
   */
  CaseOutcome perform(Actor actor, CaseRef ref, CaseChange change) {
    return perform(actor, () -> find(actor.tenant(), ref), change);
  }

  /** Applies a change to a case known by its id, in the actor's workspace (the REST API's way). */
  CaseOutcome perform(Actor actor, long caseId, CaseChange change) {
    return perform(actor, () -> cases.findById(actor.tenant(), caseId), change);
  }

  /** The result of one try, with what to do once it is committed. */
  private record Attempt(
      CaseOutcome outcome, List<Reminder> wakeUps, List<Long> cancelled, boolean conflict) {
    static Attempt of(CaseOutcome outcome) {
      return new Attempt(outcome, List.of(), List.of(), false);
    }

    static Attempt lostRace() {
      return new Attempt(new CaseOutcome.Busy(), List.of(), List.of(), true);
    }
  }

  /**
   * Optimistic locking: if someone changed the case between our read and our write, read again and
   * decide again (a second claim then gets "already owned").
   */
  private CaseOutcome perform(
      Actor actor, Supplier<Optional<SupportCase>> lookup, CaseChange change) {
    directory.ensureTenant(actor.tenant());
    for (int round = 0; round < 5; round++) {
      Attempt attempt = tx.inTransaction(() -> attempt(actor, lookup, change));
      if (attempt.conflict()) {
        continue;
      }
      if (attempt.outcome() instanceof CaseOutcome.Applied applied) {
        for (Reminder r : attempt.wakeUps()) {
          alarms.set(r);
          metrics.reminderScheduled(r.kind());
        }
        for (Long id : attempt.cancelled()) {
          alarms.clear(id);
        }
        webhooks.announce(applied.after().id());
        watch.afterChange(applied.after().tenant(), applied.after().id());
        timings.count(applied);
        log.info(
            "case {} tenant={} case={} by={}{} status={}",
            applied.event().action().label(),
            actor.tenant(),
            applied.after().number(),
            actor.userId(),
            actor.via().map(v -> " via=" + v).orElse(""),
            applied.after().status());
      }
      return attempt.outcome();
    }
    return new CaseOutcome.Busy();
  }

  private Attempt attempt(Actor actor, Supplier<Optional<SupportCase>> lookup, CaseChange change) {
    Optional<SupportCase> found = lookup.get();
    if (found.isEmpty()) {
      return Attempt.of(new CaseOutcome.NotFound());
    }
    SupportCase before = found.get();
    Transition t = CaseTransitions.of(actor, before, change, clock.instant());
    if (t instanceof Transition.Refused refused) {
      return Attempt.of(new CaseOutcome.Refused(before, refused.refusal()));
    }
    Transition.Applied applied = (Transition.Applied) t;
    SupportCase after = applied.after();
    if (!cases.update(after)) {
      return Attempt.lostRace();
    }
    TenantId tenant = actor.tenant();
    CaseEvent event = applied.event().via(actor.via());
    long eventId = cases.append(tenant, event);
    webhooks.caseChanged(after, event, eventId);
    Instant now = clock.instant();
    List<Long> deliveries = new ArrayList<>();
    deliveries.add(
        outbox.enqueue(OutboxEntry.cardRefresh(tenant, after.id(), after.version(), now)));
    CaseEffects.Effects effects = this.effects.of(actor, after, event, eventId, now);
    deliveries.addAll(effects.deliveries());
    return new Attempt(
        new CaseOutcome.Applied(before, after, event, deliveries),
        effects.wakeUps(),
        effects.cancelled(),
        false);
  }

  /** The case a person means (a number first, else a helpdesk reference), in their workspace. */
  Optional<SupportCase> find(TenantId tenant, CaseRef ref) {
    return CaseLookup.find(cases, tenant, ref);
  }
}
