package io.lodestar.acs.core.rpc;

/** One entry of GetAllQueuedTransfersResponse; state 1 not yet started, 2 in progress, 3 completed. */
public record QueuedTransferStruct(String commandKey, int state, boolean isDownload, String fileType,
                                   long fileSize, String targetFileName) {}
