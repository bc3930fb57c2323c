/**
 * The service layer: every operator-facing path (the command line today; the REST API, campaigns and the UI
 * next) acts on devices and tasks through {@link io.lodestar.acs.service.DeviceService} and
 * {@link io.lodestar.acs.service.TaskService}, never on the store directly, so that a request is checked by
 * the same rules whoever makes it.
 *
 * <ul>
 *   <li>A request that breaks a rule is refused with a {@link io.lodestar.acs.service.ServiceException}: a
 *       machine-readable {@link io.lodestar.acs.service.ErrorCode} and a message that names the device, path,
 *       value or type at fault.</li>
 *   <li>Every change an operator made is announced, once it is stored, as a
 *       {@link io.lodestar.acs.service.DomainEvent} to the listeners registered with
 *       {@link io.lodestar.acs.service.DomainEvents}.</li>
 *   <li>The services know the store by its contract only ({@code io.lodestar.acs.store} interfaces), and time
 *       by an injected {@link java.time.Clock}.</li>
 * </ul>
 */
package io.lodestar.acs.service;
