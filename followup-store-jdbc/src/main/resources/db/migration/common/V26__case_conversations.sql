-- Cases from conversations: where a case came from, and which root messages belong to it.
ALTER TABLE cases ADD COLUMN source_channel VARCHAR(200);
ALTER TABLE cases ADD COLUMN source_message VARCHAR(200);
ALTER TABLE cases ADD COLUMN source_link VARCHAR(1000);
ALTER TABLE cases ADD COLUMN requester_id VARCHAR(200);

-- Every top-level message that is part of a case (its first message, and the requester's
-- follow-ups grouped into it). The key makes "one case per message" hold across nodes.
CREATE TABLE case_threads (
  tenant_id    VARCHAR(160) NOT NULL REFERENCES tenants (id),
  channel_id   VARCHAR(200) NOT NULL,
  root_id      VARCHAR(200) NOT NULL,
  case_id      BIGINT       NOT NULL REFERENCES cases (id),
  requester_id VARCHAR(200) NOT NULL,
  posted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, channel_id, root_id)
);
CREATE INDEX ix_case_threads_requester ON case_threads (tenant_id, channel_id, requester_id, posted_at);
CREATE INDEX ix_case_threads_case ON case_threads (case_id);
