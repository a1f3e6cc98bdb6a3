-- Quartz acquires the next due triggers ordered by fire time, then priority (highest first), a
-- few at a time. With this index PostgreSQL reads them in that order and stops after those few;
-- with Quartz's own index it sorts every due trigger each time, which a crowd of reminders due
-- together makes slow.
CREATE INDEX IDX_QRTZ_T_ACQUIRE ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME, PRIORITY DESC);
