package io.logagent.core.status;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON form of {@link StatusReport}: the agent writes it (etcd publisher and {@code /status}), the console
 * reads it. Unknown fields are ignored on reading, so a newer agent's additions do not break an older console.
 */
public final class StatusJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new InstantAsText())
            .build();

    public String write(Object report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }

    /** @throws JsonProcessingException when {@code json} is not a status document */
    public StatusReport read(String json) throws JsonProcessingException {
        return mapper.readValue(json, StatusReport.class);
    }

    /** ISO-8601 instants without pulling in the JSR-310 module for one type. */
    private static final class InstantAsText extends SimpleModule {
        InstantAsText() {
            addSerializer(Instant.class, new ToStringSerializer());
            addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            });
        }
    }
}
