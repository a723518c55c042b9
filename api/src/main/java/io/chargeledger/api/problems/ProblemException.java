package io.chargeledger.api.problems;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request refused with a specific status, title and detail, plus optional extra problem properties (e.g. the
 * authorization status of a refused id tag) that clients can act on.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = new LinkedHashMap<>(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
