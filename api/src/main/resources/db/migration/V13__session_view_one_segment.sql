-- session-view now has one segment and one thread (application.yml): each segment reads the whole event stream, and
-- on two cores a replay was faster with one. A tracking processor's thread works one segment, so a database made
-- while it had two would leave the second unprocessed. There the view is rebuilt once from the first event, with
-- one segment: its rows and tokens are deleted, and at the start the processor begins anew, as in a replay.
delete from session_view
where exists (select 1 from token_entry where processor_name = 'session-view' and segment > 0);

delete from token_entry
where processor_name = 'session-view'
  and exists (select 1 from token_entry where processor_name = 'session-view' and segment > 0);
