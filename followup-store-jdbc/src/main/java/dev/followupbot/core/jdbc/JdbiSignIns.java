package dev.followupbot.core.jdbc;

import dev.followupbot.core.domain.TenantId;
import dev.followupbot.core.domain.UserRef;
import dev.followupbot.core.port.SignIns;
import java.time.Instant;
import java.util.Optional;

/** Sign-in links in {@code dashboard_links}, sessions in {@code dashboard_sessions}. */
public final class JdbiSignIns implements SignIns {

  private final JdbiTransactions tx;

  public JdbiSignIns(JdbiTransactions tx) {
    this.tx = tx;
  }

  @Override
  public void issue(String tokenHash, UserRef user, Instant issuedAt, Instant expiresAt) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO dashboard_links (token_hash, tenant_id, user_id, issued_at, expires_at)"
                        + " VALUES (:hash, :tenant, :user, :issued, :expires)")
                .bind("hash", tokenHash)
                .bind("tenant", user.tenant().key())
                .bind("user", user.userId())
                .bind("issued", issuedAt)
                .bind("expires", expiresAt)
                .execute());
  }

  @Override
  public Redemption redeem(String tokenHash, Instant now) {
    return tx.inTransaction(
        () ->
            tx.withHandle(
                h -> {
                  // The conditional update is the one-time check: of two requests with the same
                  // link, only one changes the row.
                  int used =
                      h.createUpdate(
                              "UPDATE dashboard_links SET used_at = :now WHERE token_hash = :hash"
                                  + " AND used_at IS NULL AND expires_at > :now")
                          .bind("now", now)
                          .bind("hash", tokenHash)
                          .execute();
                  return h.createQuery(
                          "SELECT tenant_id, user_id, used_at FROM dashboard_links"
                              + " WHERE token_hash = :hash")
                      .bind("hash", tokenHash)
                      .map(
                          (rs, ctx) -> {
                            if (used == 1) {
                              return (Redemption)
                                  new Redemption.Redeemed(
                                      new UserRef(
                                          TenantId.fromKey(rs.getString("tenant_id")),
                                          rs.getString("user_id")));
                            }
                            return rs.getObject("used_at") != null
                                ? new Redemption.AlreadyUsed()
                                : new Redemption.Expired();
                          })
                      .findOne()
                      .orElse(new Redemption.Unknown());
                }));
  }

  @Override
  public void open(String sessionHash, UserRef user, String csrfToken, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO dashboard_sessions (session_hash, tenant_id, user_id, csrf_token,"
                        + " created_at, last_seen_at) VALUES (:hash, :tenant, :user, :csrf, :now, :now)")
                .bind("hash", sessionHash)
                .bind("tenant", user.tenant().key())
                .bind("user", user.userId())
                .bind("csrf", csrfToken)
                .bind("now", now)
                .execute());
  }

  @Override
  public Optional<Session> session(String sessionHash) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT tenant_id, user_id, csrf_token, last_seen_at FROM dashboard_sessions"
                        + " WHERE session_hash = :hash")
                .bind("hash", sessionHash)
                .map(
                    (rs, ctx) ->
                        new Session(
                            new UserRef(
                                TenantId.fromKey(rs.getString("tenant_id")),
                                rs.getString("user_id")),
                            rs.getString("csrf_token"),
                            JdbiCaseRepository.instant(rs, "last_seen_at")))
                .findOne());
  }

  @Override
  public void touch(String sessionHash, Instant now) {
    tx.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE dashboard_sessions SET last_seen_at = :now WHERE session_hash = :hash")
                .bind("now", now)
                .bind("hash", sessionHash)
                .execute());
  }

  @Override
  public void close(String sessionHash) {
    tx.withHandle(
        h ->
            h.createUpdate("DELETE FROM dashboard_sessions WHERE session_hash = :hash")
                .bind("hash", sessionHash)
                .execute());
  }

  @Override
  public int forgetEnded(Instant linksBefore, Instant sessionsBefore) {
    return tx.withHandle(
        h ->
            h.createUpdate("DELETE FROM dashboard_links WHERE expires_at < :before")
                    .bind("before", linksBefore)
                    .execute()
                + h.createUpdate("DELETE FROM dashboard_sessions WHERE last_seen_at < :before")
                    .bind("before", sessionsBefore)
                    .execute());
  }
}
