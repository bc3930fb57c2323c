package io.lodestar.acs.service;

import io.lodestar.acs.datamodel.StandardModels;
import io.lodestar.acs.store.AcsStore;

import java.time.Clock;
import java.util.Objects;

/**
 * The services over one store, announcing their changes to one {@link DomainEvents}: what a caller (the command
 * line, the REST API) builds once and acts through.
 */
public record Services(DeviceService devices, TaskService tasks, DomainEvents events) {

    public Services {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(events, "events");
    }

    public static Services over(AcsStore store, Clock clock) {
        StandardModels.preload(); // indexed in the background while the rest starts: the first task waits for it
        DomainEvents events = new DomainEvents();
        return new Services(new DeviceService(store, store, events, clock), new TaskService(store, store, events, clock),
                events);
    }
}
