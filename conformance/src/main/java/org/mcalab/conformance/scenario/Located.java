package org.mcalab.conformance.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;

/** A YAML value with the file line it stands on, so a catalogue error can point at it. */
@JsonDeserialize(using = Located.Reader.class)
record Located(Object value, int line) {

    String text() {
        return value == null ? null : value.toString();
    }

    static final class Reader extends JsonDeserializer<Located> {
        @Override
        public Located deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            return new Located(ctx.readValue(p, Object.class), line);
        }

        /** A key the scenario leaves out stays null (not a Located null), so "absent" and "~" differ. */
        @Override
        public Object getAbsentValue(DeserializationContext ctx) {
            return null;
        }

        @Override
        public Located getNullValue(DeserializationContext ctx) {
            return new Located(null, ctx.getParser() == null ? -1 : ctx.getParser().currentTokenLocation().getLineNr());
        }
    }
}
