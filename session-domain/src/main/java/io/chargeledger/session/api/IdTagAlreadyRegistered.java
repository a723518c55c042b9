package io.chargeledger.session.api;

public class IdTagAlreadyRegistered extends RuntimeException {
    public IdTagAlreadyRegistered(String idTag) {
        super("Id tag " + idTag + " is already registered");
    }
}
