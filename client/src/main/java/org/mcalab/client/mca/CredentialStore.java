package org.mcalab.client.mca;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mcalab.fixtures.Credential;
import org.mcalab.fixtures.Manifest;

/** Loads fixture credentials by manifest name once per run: keys are parsed, never generated, per scenario. */
public final class CredentialStore {
    private final Manifest manifest;
    private final Map<String, Credential> loaded = new ConcurrentHashMap<>();

    public CredentialStore(Manifest manifest) {
        this.manifest = manifest;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** @throws org.mcalab.fixtures.UnknownIdentityException for a name the manifest lacks */
    public Credential get(String name) {
        return loaded.computeIfAbsent(name, manifest::load);
    }
}
