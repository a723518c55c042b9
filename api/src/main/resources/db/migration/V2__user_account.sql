-- People who sign in. Passwords are stored only as bcrypt hashes ({bcrypt}... delegating format).
create table user_account (
    username      varchar(64)                 not null,
    password_hash varchar(255)                not null,
    roles         varchar(255)                not null,
    enabled       boolean                     not null,
    created_at    timestamp(6) with time zone not null,
    constraint user_account_pkey primary key (username)
);
