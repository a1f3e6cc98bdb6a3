-- Reminder events go to webhooks too, and a reminder need not be about a case: its deliveries
-- have no case (and wait for no other delivery). Same file for H2 and PostgreSQL.
ALTER TABLE webhook_deliveries ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE webhook_deliveries ALTER COLUMN case_number DROP NOT NULL;
