package io.logagent.agent.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON form of {@link StatusReport}, shared by the etcd publisher and {@code /status}. */
public final class StatusJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new InstantAsText())
            .build();

    public String write(StatusReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    /** ISO-8601 instants without pulling in the JSR-310 module for one type. */
    private static final class InstantAsText extends com.fasterxml.jackson.databind.module.SimpleModule {
        InstantAsText() {
            addSerializer(java.time.Instant.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer());
        }
    }
}
