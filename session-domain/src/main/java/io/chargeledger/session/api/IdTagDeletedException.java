package io.chargeledger.session.api;

public class IdTagDeletedException extends RuntimeException {
    public IdTagDeletedException(String idTag, String attempted) {
        super("Id tag " + idTag + " is deleted and cannot " + attempted + "; register it again first");
    }
}
