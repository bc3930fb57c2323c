/**
 * Operations: what a device accepted in one session and finishes after it (a reboot, a factory reset), with
 * the rule by which a later Inform reports the end.
 */
package io.lodestar.acs.core.operation;
