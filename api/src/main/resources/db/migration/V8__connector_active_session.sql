-- The session running on each connector, shown in the charger view.
alter table connector_view
    add column active_session_id     varchar(36),
    add column active_transaction_id integer;
create index connector_view_active_session_idx on connector_view (active_session_id);
