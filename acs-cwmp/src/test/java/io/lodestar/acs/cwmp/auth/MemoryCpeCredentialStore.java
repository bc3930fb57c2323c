package io.lodestar.acs.cwmp.auth;

import io.lodestar.acs.core.access.CpeCredential;
import io.lodestar.acs.core.access.CpeCredentialScope;
import io.lodestar.acs.store.CpeCredentialStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** CPE credentials in a map, counting reads (a probe without credentials must cost no store read). */
public final class MemoryCpeCredentialStore implements CpeCredentialStore {

    private final Map<CpeCredentialScope, CpeCredential> credentials = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public void putCpeCredential(CpeCredentialScope scope, CpeCredential credential) {
        credentials.put(scope, credential);
    }

    @Override
    public boolean putCpeCredentialIfAbsent(CpeCredentialScope scope, CpeCredential credential) {
        return credentials.putIfAbsent(scope, credential) == null;
    }

    @Override
    public Optional<CpeCredential> findCpeCredential(CpeCredentialScope scope) {
        reads.incrementAndGet();
        return Optional.ofNullable(credentials.get(scope));
    }

    @Override
    public boolean deleteCpeCredential(CpeCredentialScope scope) {
        return credentials.remove(scope) != null;
    }
}
