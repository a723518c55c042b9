-- OCPP transactionIds and open sessions: written in the same database transaction as the session events
-- (by a subscribing handler), so StartTransaction retries, MeterValues and StopTransaction always resolve.
create sequence transaction_id_seq start with 1 increment by 1 maxvalue 2147483647 no cycle;

create table charging_transaction (
    transaction_id  integer      not null,
    session_id      varchar(36)  not null,
    charge_point_id varchar(48)  not null,
    connector_id    integer      not null,
    id_tag          varchar(20)  not null,
    meter_start_wh  bigint       not null,
    -- charger, connector, idTag, timestamp, meterStart: a retried StartTransaction finds its first answer
    start_key       varchar(255) not null,
    open            boolean      not null,
    constraint charging_transaction_pkey primary key (transaction_id),
    constraint charging_transaction_session_key unique (session_id),
    constraint charging_transaction_start_key unique (start_key)
);
create index charging_transaction_open_connector_idx
    on charging_transaction (charge_point_id, connector_id) where open;

create table pending_remote_start (
    session_id      varchar(36)                 not null,
    charge_point_id varchar(48)                 not null,
    connector_id    integer,
    id_tag          varchar(20)                 not null,
    expires_at      timestamp(6) with time zone not null,
    constraint pending_remote_start_pkey primary key (session_id)
);
create index pending_remote_start_charger_idx on pending_remote_start (charge_point_id);
