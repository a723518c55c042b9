package io.chargeledger.projections.api;

import java.util.List;

public record ChargerPage(List<ChargerSummary> content, int page, int size, long totalElements, int totalPages) {
}
