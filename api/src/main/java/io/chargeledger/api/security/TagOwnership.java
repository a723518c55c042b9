package io.chargeledger.api.security;

import io.chargeledger.projections.api.FindIdTag;
import io.chargeledger.projections.api.IdTagPage;
import io.chargeledger.projections.api.IdTagSummary;
import io.chargeledger.projections.api.ListIdTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Which id tags belong to a driver: those whose {@code owner} is exactly the driver's username, as the id tag read
 * model shows it (an admin assigns a tag with PUT /api/id-tags/{idTag}). Sessions belong to whoever owns their tag.
 */
@Component
public class TagOwnership {

    private static final int PAGE = 500;

    private final QueryGateway queries;

    public TagOwnership(QueryGateway queries) {
        this.queries = queries;
    }

    /** Whether this tag (any case) exists in the read model and is assigned to this user; deleted tags included. */
    public boolean owns(String username, String idTag) {
        if (idTag == null || username == null) {
            return false;
        }
        return find(idTag).map(tag -> username.equals(tag.owner())).orElse(false);
    }

    public Optional<IdTagSummary> find(String idTag) {
        return queries.query(new FindIdTag(idTag), ResponseTypes.optionalInstanceOf(IdTagSummary.class)).join();
    }

    /** The canonical names of every tag assigned to this user, deleted ones included (their sessions stay theirs). */
    public List<String> ownedTags(String username) {
        List<String> tags = new ArrayList<>();
        for (int page = 0; ; page++) {
            IdTagPage found = queries.query(new ListIdTags(username, true, page, PAGE),
                    ResponseTypes.instanceOf(IdTagPage.class)).join();
            found.content().forEach(tag -> tags.add(tag.idTag()));
            if (page + 1 >= found.totalPages()) {
                return tags;
            }
        }
    }
}
