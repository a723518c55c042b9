-- Events are appended with plain JDBC batches (Axon's JDBC storage engine) instead of Hibernate: the database
-- assigns the global index while inserting, instead of Hibernate asking the sequence for each event first.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
alter sequence domain_event_entry_seq owned by domain_event_entry.global_index;
