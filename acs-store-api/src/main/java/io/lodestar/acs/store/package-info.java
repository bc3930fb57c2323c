/**
 * The store contract in domain words: {@link io.lodestar.acs.store.DeviceStore},
 * {@link io.lodestar.acs.store.TaskStore}, {@link io.lodestar.acs.store.OperationStore},
 * {@link io.lodestar.acs.store.SessionLeases} and their union {@link io.lodestar.acs.store.AcsStore}, with one
 * promise per method. Implementations live in engine modules of their own (acs-store-embedded: {@code embedded}, RocksDB; acs-store-cassandra: {@code cassandra}),
 * and acs-store-cache ({@code cache}) is a read cache in front of either.
 */
package io.lodestar.acs.store;
