package io.lodestar.acs.store.cassandra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a claim's release may ride in the session's commit: only in writes that reach the claims' own quorum. */
class QuorumClaimsTest {

    @Test
    void aLocalClaimsReleaseRidesInWritesAtTheLocalQuorumOrStronger() {
        QuorumClaims local = new QuorumClaims(null, null, QuorumClaims.Layout.DEVICE_ROW, "LOCAL_SERIAL");

        assertThat(local.releaseRidesIn("LOCAL_QUORUM")).isTrue();
        assertThat(local.releaseRidesIn("QUORUM")).isTrue();
        assertThat(local.releaseRidesIn("EACH_QUORUM")).isTrue();
        assertThat(local.releaseRidesIn("ALL")).isTrue();
        assertThat(local.releaseRidesIn("LOCAL_ONE")).isFalse();
        assertThat(local.releaseRidesIn("ONE")).isFalse();
        assertThat(local.releaseRidesIn("TWO")).isFalse();
    }

    @Test
    void aClusterWideClaimsReleaseDoesNotRideInAWriteAtTheLocalQuorum() {
        QuorumClaims global = new QuorumClaims(null, null, QuorumClaims.Layout.DEVICE_ROW, "SERIAL");

        assertThat(global.releaseRidesIn("LOCAL_QUORUM")).as("a quorum of one datacenter only").isFalse();
        assertThat(global.releaseRidesIn("QUORUM")).isTrue();
        assertThat(global.releaseRidesIn("EACH_QUORUM")).isTrue();
        assertThat(global.releaseRidesIn("THREE")).isFalse();
    }
}
