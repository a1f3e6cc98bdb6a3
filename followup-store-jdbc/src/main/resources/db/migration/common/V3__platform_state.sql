-- State the platform adapters share across restarts and nodes.

-- Inbound events already handled (Slack event_id, Teams activity id): a redelivery finds its row
-- and has no effect. Rows older than a day are purged by the sweep.
CREATE TABLE seen_events (
  event_key VARCHAR(400) PRIMARY KEY,
  seen_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_seen_events_at ON seen_events (seen_at);

-- Per-conversation sending slots: free_at is the next moment a post to the conversation may be
-- scheduled, held_until a pause the platform asked for (429 Retry-After). Shared by every node.
CREATE TABLE pacing (
  conversation_key VARCHAR(500) PRIMARY KEY,
  free_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  held_until       TIMESTAMP WITH TIME ZONE
);

-- An outbox entry that was given a sending slot keeps it here until it goes out.
ALTER TABLE outbox ADD COLUMN slot_at TIMESTAMP WITH TIME ZONE;

-- How to reach a person or a conversation: opaque state owned by one adapter (a Teams
-- conversation reference, a Slack DM channel id). Scoped by tenant.
CREATE TABLE addresses (
  tenant_id   VARCHAR(160)   NOT NULL,
  address_key VARCHAR(400)   NOT NULL,
  state       VARCHAR(20000) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant_id, address_key)
);
