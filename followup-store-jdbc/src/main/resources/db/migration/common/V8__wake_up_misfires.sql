-- Wake-ups ignore Quartz's misfire handling: however late, they stay with the triggers Quartz
-- acquires, instead of waiting for its misfire scan (once per misfire threshold). New ones are
-- scheduled that way; this brings the ones already waiting in line.
UPDATE QRTZ_TRIGGERS SET MISFIRE_INSTR = -1
  WHERE SCHED_NAME = 'followup-bot' AND TRIGGER_GROUP = 'wake-ups' AND TRIGGER_TYPE = 'SIMPLE';
