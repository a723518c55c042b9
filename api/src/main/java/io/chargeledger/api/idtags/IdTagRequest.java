package io.chargeledger.api.idtags;

/**
 * Body of POST and PUT /api/id-tags. status is Accepted, Blocked or Expired (any case); expiryDate an ISO-8601
 * instant or date-time with offset; parentIdTag, maxActiveSessions (null = no limit) and owner (a username) are
 * optional. Status and expiryDate are taken as text so that a wrong value is reported with a helpful message.
 */
public record IdTagRequest(
        String idTag,
        String status,
        String expiryDate,
        String parentIdTag,
        Integer maxActiveSessions,
        String owner) {
}
