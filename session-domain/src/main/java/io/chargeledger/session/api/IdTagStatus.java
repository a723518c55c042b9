package io.chargeledger.session.api;

/**
 * What an admin can set on a tag. Invalid and ConcurrentTx are answers, never a stored status, so they are
 * not representable here.
 */
public enum IdTagStatus {
    Accepted,
    Blocked,
    Expired
}
