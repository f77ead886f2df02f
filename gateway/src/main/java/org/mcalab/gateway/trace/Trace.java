package org.mcalab.gateway.trace;

/** Where gateway code writes its debug lines. Cheap when a category is off. */
public interface Trace {
    Trace NONE = new Trace() {
        @Override
        public boolean enabled(DebugCategory category) {
            return false;
        }

        @Override
        public void emit(DebugCategory category, String correlation, String message) {
            // disabled
        }
    };

    boolean enabled(DebugCategory category);

    /** @param correlation e.g. the aggauth-handle ("462466710"); rendered as "[462466710] message" like the seed */
    void emit(DebugCategory category, String correlation, String message);
}
