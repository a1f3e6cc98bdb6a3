-- The web dashboard: one-time sign-in links sent in chat, and the sessions they open. Only
-- SHA-256 hashes of the tokens are stored, so a copy of the database signs nobody in.
CREATE TABLE dashboard_links (
  token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
  tenant_id  VARCHAR(160) NOT NULL REFERENCES tenants (id),
  user_id    VARCHAR(200) NOT NULL,
  issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_dashboard_links_expiry ON dashboard_links (expires_at);

CREATE TABLE dashboard_sessions (
  session_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
  tenant_id    VARCHAR(160) NOT NULL REFERENCES tenants (id),
  user_id      VARCHAR(200) NOT NULL,
  csrf_token   VARCHAR(64)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dashboard_sessions_seen ON dashboard_sessions (last_seen_at);
