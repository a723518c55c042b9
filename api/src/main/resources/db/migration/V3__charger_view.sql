-- Read model of the charger list, rebuilt from events by ChargerViewProjector.
create table charger_view (
    charge_point_id  varchar(48)  not null,
    serial_number    varchar(255),
    catalog_number   varchar(255),
    vendor           varchar(255),
    model            varchar(255),
    rated_volts      integer,
    rated_amps       integer,
    maximum_amps     integer,
    power_kw         numeric(12, 3),
    ip_address       varchar(255),
    target_group     varchar(255),
    location_name    varchar(255),
    location_address varchar(255),
    latitude         numeric(10, 7),
    longitude        numeric(10, 7),
    price_per_kwh    numeric(12, 5),
    currency         varchar(3),
    session_fee      numeric(12, 5),
    connector_count  integer,
    security_profile integer      not null,
    decommissioned   boolean      not null,
    connected        boolean      not null,
    connected_since  timestamp(6) with time zone,
    last_seen        timestamp(6) with time zone,
    registered_at    timestamp(6) with time zone,
    version          bigint       not null,
    constraint charger_view_pkey primary key (charge_point_id)
);
create index charger_view_target_group_idx on charger_view (target_group);
create index charger_view_connected_idx on charger_view (connected);
