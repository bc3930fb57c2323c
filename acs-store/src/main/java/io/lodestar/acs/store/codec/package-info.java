/**
 * The binary primitives and the task encoding shared by the stores' record formats: the embedded store's
 * {@code RecordCodec} and the Cassandra store's {@code BlobCodec} both write a task with
 * {@link io.lodestar.acs.store.codec.TaskEncoding}, so the two stores' task formats read alike by construction.
 * Each codec keeps its own format byte and its own non-task records.
 */
package io.lodestar.acs.store.codec;
