package io.chargeledger.projections.api;

import java.util.List;

public record IdTagPage(List<IdTagSummary> content, int page, int size, long totalElements, int totalPages) {
}
