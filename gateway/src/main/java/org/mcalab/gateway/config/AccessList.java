package org.mcalab.gateway.config;

import java.util.List;

/**
 * A standard access list ({@code access-list NAME standard permit|deny ...}): the only kind the gateway
 * uses, as the split-tunnel network list.
 */
public record AccessList(String name, List<Entry> entries) {

    public AccessList {
        entries = List.copyOf(entries);
    }

    public enum Action { PERMIT, DENY }

    public record Entry(Action action, Subnet network) {
        @Override
        public String toString() {
            return action.name().toLowerCase(java.util.Locale.ROOT) + " " + network;
        }
    }

    /** Networks of the permit entries, in order; ASA ignores deny entries in a split-tunnel list. */
    public List<Subnet> permitted() {
        return entries.stream().filter(e -> e.action() == Action.PERMIT).map(Entry::network).toList();
    }
}
