/**
 * The binary primitives and the encodings shared by the stores' record formats: the embedded store's
 * {@code RecordCodec} and the Cassandra store's {@code BlobCodec} both write a task with
 * {@link io.lodestar.acs.store.codec.TaskEncoding} and a device summary with
 * {@link io.lodestar.acs.store.codec.DeviceEncoding}, so the two stores' formats read alike by construction;
 * each codec writes their format byte and keeps its other records. An operation is
 * {@link io.lodestar.acs.store.codec.OperationEncoding}'s whole, format byte included: the same bytes in both;
 * so is an API token ({@link io.lodestar.acs.store.codec.TokenEncoding}, its secret's hash only).
 */
package io.lodestar.acs.store.codec;
