package io.chargeledger.projections.api;

/** Answered with an {@link IdTagPage} sorted by idTag. owner is an optional filter; deleted tags only when asked. */
public record ListIdTags(String owner, boolean includeDeleted, int page, int size) {

    public ListIdTags(int page, int size) {
        this(null, false, page, size);
    }
}
