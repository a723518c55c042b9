package io.chargeledger.charger.api;

public record ChargerBooted(String chargePointId, BootInfo bootInfo, RegistrationStatus registrationStatus) {
}
