package org.mcalab.conformance.mca;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario's parameter values, each already read by its {@link Param} (so typed and checked); a parameter the
 * scenario left out answers its declared default.
 */
public final class Params {
    public static final Params NONE = new Params(Map.of());

    private final Map<Param<?>, Object> values;

    private Params(Map<Param<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    public <T> Params with(Param<T> param, T value) {
        Map<Param<?>, Object> next = new LinkedHashMap<>(values);
        next.put(param, value);
        return new Params(next);
    }

    @SuppressWarnings("unchecked") // only with() puts values, always as the param's own type
    public <T> T get(Param<T> param) {
        return values.containsKey(param) ? (T) values.get(param) : param.fallback();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        Map<String, Object> byKey = new LinkedHashMap<>();
        values.forEach((p, v) -> byKey.put(p.key(), v));
        return byKey.toString();
    }
}
