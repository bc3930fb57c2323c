package io.lodestar.acs.core.rpc;

/** One entry of GetQueuedTransfersResponse ({@code QueuedTransferStruct} in the schema): its CommandKey and
 * state, 1 not yet started, 2 in progress, 3 completed. */
public record TransferStateStruct(String commandKey, int state) {}
