package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An INCIDENT event: the server tells replicas that events may be missing from the binlog (for
 * example a transaction it could not write). Body: the incident number (2 bytes), then a message
 * with a 1-byte length.
 */
record IncidentData(int incident, String message) implements EventData {

    static final class Decoder implements EventDataDeserializer<IncidentData> {
        @Override
        public IncidentData deserialize(ByteArrayInputStream in) throws IOException {
            int incident = in.readInteger(2);
            String message = in.available() > 0 ? new String(in.read(Math.min(in.read(), in.available())),
                    StandardCharsets.UTF_8) : "";
            return new IncidentData(incident, message);
        }
    }
}
