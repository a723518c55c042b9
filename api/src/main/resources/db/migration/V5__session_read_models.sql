-- Read models of charging sessions and id tags, rebuilt from events by SessionViewProjector and IdTagViewProjector.
create table session_view (
    session_id               varchar(36)  not null,
    transaction_id           integer,
    charge_point_id          varchar(255),
    connector_id             integer,
    id_tag                   varchar(20),
    status                   varchar(32)  not null,
    authorized               boolean,
    authorization_status     varchar(16),
    meter_start_wh           bigint,
    meter_stop_wh            bigint,
    energy_wh                bigint,
    -- unconstrained numeric: amounts are stored exactly as the domain computed them, with their scale
    cost                     numeric,
    currency                 varchar(3),
    tariff_price_per_kwh     numeric,
    tariff_currency          varchar(3),
    tariff_session_fee       numeric,
    began_at                 timestamp(6) with time zone,
    started_at               timestamp(6) with time zone,
    start_received_at        timestamp(6) with time zone,
    stopped_at               timestamp(6) with time zone,
    stop_received_at         timestamp(6) with time zone,
    stop_reason              varchar(255),
    stop_id_tag              varchar(255),
    requested_by             varchar(255),
    requested_at             timestamp(6) with time zone,
    remote_start_expires_at  timestamp(6) with time zone,
    remote_start_accepted    boolean,
    remote_start_expired_at  timestamp(6) with time zone,
    remote_stop_requested_by varchar(255),
    remote_stop_requested_at timestamp(6) with time zone,
    superseded_by            varchar(36),
    reservation_id           integer,
    anomalies                text,
    last_meter_value_at      timestamp(6) with time zone,
    version                  bigint       not null,
    constraint session_view_pkey primary key (session_id)
);
-- The list is newest first (began_at desc, session_id desc) with optional filters on charger, tag and status.
create index session_view_began_idx on session_view (began_at desc, session_id desc);
create index session_view_charger_idx on session_view (charge_point_id, began_at desc, session_id desc);
create index session_view_id_tag_idx on session_view (id_tag, began_at desc, session_id desc);
create index session_view_status_idx on session_view (status, began_at desc, session_id desc);
create index session_view_transaction_idx on session_view (transaction_id);

-- One row per sampled value, keyed by the event that recorded it and its place there (replay-safe).
create table meter_sample (
    session_id     varchar(36)                 not null,
    event_sequence bigint                      not null,
    sample_index   integer                     not null,
    sampled_at     timestamp(6) with time zone not null,
    measurand      varchar(255)                not null,
    phase          varchar(255),
    unit           varchar(255),
    context        varchar(255),
    location       varchar(255),
    sample_value   numeric                     not null,
    after_stop     boolean                     not null,
    constraint meter_sample_pkey primary key (session_id, event_sequence, sample_index)
);
create index meter_sample_session_time_idx on meter_sample (session_id, sampled_at);

create table id_tag_view (
    id_tag              varchar(20)                 not null,
    status              varchar(16)                 not null,
    expiry_date         timestamp(6) with time zone,
    parent_id_tag       varchar(20),
    max_active_sessions integer,
    owner               varchar(100),
    deleted             boolean                     not null,
    active_sessions     integer                     not null,
    registered_at       timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    version             bigint                      not null,
    constraint id_tag_view_pkey primary key (id_tag)
);
create index id_tag_view_owner_idx on id_tag_view (owner, id_tag);
