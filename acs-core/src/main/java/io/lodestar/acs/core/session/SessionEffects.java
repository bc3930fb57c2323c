package io.lodestar.acs.core.session;

import io.lodestar.acs.core.rpc.ParameterInfoStruct;
import io.lodestar.acs.core.rpc.ParameterValueStruct;

/**
 * What a task's result may teach the session about the device's parameter tree. The session applies each
 * effect (to its view of the tree and to the changes it will write); a handler says only which ones.
 */
interface SessionEffects {

    /** The parameter has this value (its known writability is kept). */
    void learnValue(ParameterValueStruct value);

    /** The parameter or object exists, with this writability (its known value is kept). */
    void learnName(ParameterInfoStruct name);

    /** The subtree is gone. */
    void forget(String subtree);

    /** Walk this subtree before anything else, to learn what it holds (a new object instance). */
    void walkFirst(String path);

    /** The device cancelled the transfers with this CommandKey: their operations end as cancelled. */
    void transferCancelled(String commandKey);
}
