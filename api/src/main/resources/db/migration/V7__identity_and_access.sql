-- Identity and access: sign-in throttling, token revocation and the server's own signing key.

-- Failed sign-ins per account, kept in the database so that every node (and a restart) sees the same count.
-- Written only by LoginThrottle (plain SQL); the JPA entity does not map these two columns.
alter table user_account add column failed_logins integer not null default 0;
alter table user_account add column last_failed_login_at timestamp(6) with time zone;
-- Changes whenever the password changes: access tokens carry it, so a new password revokes every older token.
alter table user_account add column security_stamp varchar(36);
update user_account set security_stamp = md5(random()::text || username);
alter table user_account alter column security_stamp set not null;
alter table user_account add column updated_at timestamp(6) with time zone;
update user_account set updated_at = created_at;
alter table user_account alter column updated_at set not null;

-- Secret keys the server generates for itself on first start (never shipped, never logged), shared by all nodes.
-- 'jwt-signing' signs and verifies the access tokens of POST /api/auth/token (HMAC-SHA256).
create table server_key (
    name       varchar(64)                 not null,
    key_id     varchar(64)                 not null,
    algorithm  varchar(16)                 not null,
    secret     bytea                       not null,
    created_at timestamp(6) with time zone not null,
    constraint server_key_pkey primary key (name)
);
