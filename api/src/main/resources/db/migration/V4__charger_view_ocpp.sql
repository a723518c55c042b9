-- What the OCPP endpoint adds to the charger read model: registration, connection, boot info, connectors.
alter table charger_view
    add column registration_status      varchar(255),
    add column pending_approval         boolean not null default false,
    add column node_id                  varchar(255),
    add column connection_id            varchar(255),
    add column remote_address           varchar(255),
    add column boot_vendor              varchar(255),
    add column boot_model               varchar(255),
    add column boot_serial_number       varchar(255),
    add column charge_box_serial_number varchar(255),
    add column firmware_version         varchar(255),
    add column iccid                    varchar(255),
    add column imsi                     varchar(255),
    add column meter_type               varchar(255),
    add column meter_serial_number      varchar(255),
    add column booted_at                timestamp(6) with time zone,
    add column firmware_status          varchar(255),
    add column diagnostics_status       varchar(255);

create index charger_view_node_connected_idx on charger_view (node_id) where connected;

create table connector_view (
    charge_point_id   varchar(48) not null,
    connector_id      integer     not null,
    status            varchar(255),
    error_code        varchar(255),
    info              varchar(255),
    vendor_id         varchar(255),
    vendor_error_code varchar(255),
    status_timestamp  timestamp(6) with time zone,
    updated_at        timestamp(6) with time zone,
    constraint connector_view_pkey primary key (charge_point_id, connector_id)
);
