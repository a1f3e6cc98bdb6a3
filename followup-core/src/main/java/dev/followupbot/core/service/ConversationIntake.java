package dev.followupbot.core.service;

import dev.followupbot.core.domain.CaseSource;
import dev.followupbot.core.domain.CaseStatus;
import dev.followupbot.core.domain.SupportCase;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.CaseRepository;
import dev.followupbot.core.port.CaseThreads;
import dev.followupbot.core.port.DedupeKey;
import dev.followupbot.core.port.Destination;
import dev.followupbot.core.port.Outbox;
import dev.followupbot.core.port.OutboxEntry;
import dev.followupbot.core.port.Transactions;
import dev.followupbot.core.team.AccessPolicy;
import dev.followupbot.core.team.Intake;
import dev.followupbot.core.team.IntakeMode;
import dev.followupbot.core.team.SupportTeam;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The conversation is the case. A requester's top-level message in an {@code auto} channel opens a
 * case (or joins their case of a moment ago); replies in a case's thread drive it, by the rules of
 * the channel's team: a team member's reply is the first response, a requester's reply makes it the
 * team's turn again or reopens a case resolved a short while ago, and a pleasantry changes nothing.
 * Team members' reactions open, claim and resolve. Every step keeps the message's own time.
 */
public final class ConversationIntake {

  /** Subjects taken from a message are cut at a word boundary near this length. */
  static final int SUBJECT_LENGTH = 80;

  private final CaseRepository cases;
  private final CaseThreads threads;
  private final CaseCards teams;
  private final CaseLifecycle lifecycle;
  private final Outbox outbox;
  private final Transactions tx;
  private final AccessPolicy access;
  private final Clock clock;

  ConversationIntake(
      CaseRepository cases,
      CaseThreads threads,
      CaseCards teams,
      CaseLifecycle lifecycle,
      Outbox outbox,
      Transactions tx,
      AccessPolicy access,
      Clock clock) {
    this.cases = cases;
    this.threads = threads;
    this.teams = teams;
    this.lifecycle = lifecycle;
    this.outbox = outbox;
    this.tx = tx;
    this.access = access;
    this.clock = clock;
  }

  /** Cases opened from a form someone filled in. */
  public CaseFormIntake forms() {
    return new CaseFormIntake(this, threads, lifecycle);
  }

  /** A message {@code author} posted. */
  public IntakeOutcome post(Caller authorCaller, ChannelPost post) {
    Actor author = actorOf(authorCaller);
    if (post.fromBot()) {
      return new IntakeOutcome.Ignored("a bot's message");
    }
    SupportTeam team = teams.teamOf(author.tenant(), post.channelId());
    Intake intake = team.policy().intake();
    boolean member = isMember(team, author, post.external());
    if (!post.isTopLevel()) {
      return reply(author, post, member);
    }
    IntakeMode mode = intake.modeIn(post.channelId());
    if (mode != IntakeMode.AUTO) {
      return new IntakeOutcome.Ignored("intake is " + mode.key() + " in this channel");
    }
    if (member) {
      return new IntakeOutcome.Ignored("a team member's own message");
    }
    if (intake.isPleasantry(post.text())) {
      return new IntakeOutcome.Ignored("a pleasantry");
    }
    if (!intake.groupWindow().isZero()) {
      Optional<SupportCase> recent =
          threads
              .latestOf(
                  author.tenant(),
                  post.channelId(),
                  post.authorId(),
                  post.postedAt().minus(intake.groupWindow()))
              .flatMap(id -> cases.findById(author.tenant(), id))
              .filter(c -> c.status().isOpen());
      if (recent.isPresent()) {
        boolean linked =
            tx.inTransaction(
                () ->
                    threads.link(
                        author.tenant(),
                        post.channelId(),
                        post.messageId(),
                        recent.get().id(),
                        post.authorId(),
                        post.postedAt()));
        return linked
            ? new IntakeOutcome.Joined(recent.get())
            : new IntakeOutcome.Ignored("the message is part of a case already");
      }
    }
    return open(author, author, post);
  }

  /**
   * A team member asked for a case from {@code root} (a reaction, a shortcut): the message whose
   * thread becomes the case's record, written by its requester.
   */
  public IntakeOutcome openFrom(Caller memberCaller, ChannelPost root, Caller requester) {
    return openFrom(actorOf(memberCaller), root, actorOf(requester));
  }

  private IntakeOutcome openFrom(Actor member, ChannelPost root, Actor requester) {
    SupportTeam team = teams.teamOf(member.tenant(), root.channelId());
    if (team.policy().intake().modeIn(root.channelId()) == IntakeMode.OFF) {
      return new IntakeOutcome.Ignored("intake is off in this channel");
    }
    if (threads.caseOf(member.tenant(), root.channelId(), root.messageId()).isPresent()) {
      return new IntakeOutcome.Ignored("the message is a case already");
    }
    return open(member, requester, root);
  }

  /**
   * A reaction: a team member's open, claim or resolve emoji acts on the message's case; {@code
   * root} fetches the reacted-to message's thread root only when a case must be opened from it.
   */
  public IntakeOutcome react(
      Caller reactorCaller, ChannelReaction reaction, Supplier<Optional<Opening>> root) {
    Actor reactor = actorOf(reactorCaller);
    if (!reaction.added()) {
      return new IntakeOutcome.Ignored("a reaction removed");
    }
    SupportTeam team = teams.teamOf(reactor.tenant(), reaction.channelId());
    Intake.Reactions names = team.policy().intake().reactions();
    String name = reaction.name();
    if (!name.equals(names.open())
        && !name.equals(names.claim())
        && !name.equals(names.resolve())) {
      return new IntakeOutcome.Ignored("not a reaction that acts on cases");
    }
    if (!isMember(team, reactor, reaction.external())) {
      return new IntakeOutcome.Ignored("a requester's reaction");
    }
    if (name.equals(names.open())) {
      Optional<Opening> opening = root.get();
      if (opening.isEmpty()) {
        return new IntakeOutcome.Ignored("the message could not be read");
      }
      return openFrom(reactor, opening.get().root(), actorOf(opening.get().requester()));
    }
    Optional<Long> caseId =
        threads.caseOf(reactor.tenant(), reaction.channelId(), reaction.messageId());
    if (caseId.isEmpty()) {
      return new IntakeOutcome.Ignored("the message is not a case");
    }
    CaseChange change =
        name.equals(names.claim())
            ? new CaseChange.Claim()
            : new CaseChange.Resolve(Optional.empty());
    return changed(lifecycle.perform(reactor, caseId.get(), change));
  }

  /** The message a case is opened from, and the person who wrote it. */
  public record Opening(ChannelPost root, Caller requester) {}

  private IntakeOutcome reply(Actor author, ChannelPost post, boolean member) {
    Optional<SupportCase> found =
        threads
            .caseOf(author.tenant(), post.channelId(), post.root())
            .flatMap(id -> cases.findById(author.tenant(), id));
    if (found.isEmpty()) {
      return new IntakeOutcome.Ignored("a reply outside any case");
    }
    SupportCase c = found.get();
    Intake intake = teams.teamOf(c).policy().intake();
    if (member) {
      return changed(
          lifecycle.perform(
              author,
              c.id(),
              new CaseChange.TeamReplied(post.postedAt(), intake.firstResponderClaims())));
    }
    if (intake.isPleasantry(post.text())) {
      if (c.status() == CaseStatus.WAITING_ON_CUSTOMER && c.ownerId().isPresent()) {
        long id =
            tx.inTransaction(
                () ->
                    outbox.enqueue(
                        OutboxEntry.message(
                            DedupeKey.resolvePrompt(c.id(), post.messageId()),
                            new Destination.Direct(new UserRef(c.tenant(), c.ownerId().get())),
                            ConversationReplies.resolvePrompt(c, author.displayName()),
                            Optional.of(c.id()),
                            clock.instant())));
        if (teams.teamOf(c).policy().followUp().autoResolveAfter().isPresent()) {
          // Their word restarts the wait for their reply, so the case is not resolved under them.
          lifecycle.perform(author, c.id(), new CaseChange.CustomerAcknowledged(post.postedAt()));
        }
        return new IntakeOutcome.Prompted(c, List.of(id));
      }
      return new IntakeOutcome.Ignored("a pleasantry");
    }
    return changed(
        lifecycle.perform(
            author,
            c.id(),
            new CaseChange.CustomerReplied(post.postedAt(), intake.reopenWithin())));
  }

  private IntakeOutcome open(Actor opener, Actor requester, ChannelPost root) {
    return open(
        opener,
        requester,
        root,
        new CaseDraft(
            Optional.empty(),
            subjectOf(root.text(), requester.displayName()),
            Optional.of(requester.displayName()),
            Optional.empty(),
            root.channelId()));
  }

  IntakeOutcome open(Actor opener, Actor requester, ChannelPost root, CaseDraft draft) {
    CaseSource source =
        new CaseSource(root.channelId(), root.messageId(), root.permalink(), root.authorId());
    return lifecycle
        .openFrom(opener, draft, source, root.postedAt())
        .<IntakeOutcome>map(o -> new IntakeOutcome.Opened(o.opened(), o.deliveries()))
        .orElseGet(() -> new IntakeOutcome.Ignored("the message is a case already"));
  }

  private static IntakeOutcome changed(CaseOutcome outcome) {
    if (outcome instanceof CaseOutcome.Applied applied) {
      return new IntakeOutcome.Changed(applied);
    }
    if (outcome instanceof CaseOutcome.Refused refused) {
      return new IntakeOutcome.Ignored(
          "the case did not change: " + refused.refusal().getClass().getSimpleName());
    }
    return new IntakeOutcome.Ignored("the case did not change: " + outcome);
  }

  Actor actorOf(Caller caller) {
    return new Actor(
        caller.tenant(),
        caller.userId(),
        caller.displayName(),
        caller.zone(),
        access.isAdmin(caller.ref()),
        Optional.empty());
  }

  private boolean isMember(SupportTeam team, Actor person, boolean external) {
    return !external && team.hasMember(person.tenant(), person.userId());
  }

  /** The first line, cut at a word boundary near {@value #SUBJECT_LENGTH} characters. */
  static String subjectOf(String text, String requesterName) {
    String first = firstLine(text, SUBJECT_LENGTH);
    return first.isEmpty() ? ConversationReplies.untitled(requesterName) : first;
  }

  /**
   * The first line of {@code text} with words in it, at most {@code max} characters: cut at a word
   * boundary (or, with no space in its second half, at {@code max}) and ended with "…". Empty when
   * the text has no words.
   */
  static String firstLine(String text, int max) {
    String first =
        text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    if (first.length() <= max) {
      return first;
    }
    int cut = first.lastIndexOf(' ', max);
    if (cut <= max / 2) {
      cut = Character.isHighSurrogate(first.charAt(max - 1)) ? max - 1 : max;
    }
    return first.substring(0, cut).strip() + "…";
  }
}
