package io.chargeledger.api.users;

import java.util.List;

public record UserPage(List<UserView> content, int page, int size, long totalElements, int totalPages) {
}
