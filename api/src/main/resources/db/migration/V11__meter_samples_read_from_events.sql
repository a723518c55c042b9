-- A session's meter samples are read from its MeterValues events when a chart asks for them (SessionMeterSamples):
-- every row here repeated what those events hold. The session view stops writing them, so the table goes.
drop table if exists meter_sample;
