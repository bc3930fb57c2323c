/**
 * The store contract in domain words: {@link io.lodestar.acs.store.DeviceStore},
 * {@link io.lodestar.acs.store.TaskStore} and their union {@link io.lodestar.acs.store.AcsStore}, with one
 * promise per method. Implementations live in sub-packages ({@code embedded} for RocksDB).
 */
package io.lodestar.acs.store;
