package net.aisj.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GridMembershipTest {

    @Test
    void aMajorityOfTheClusterMapHoldsQuorum() {
        assertThat(GridMembership.holdsQuorum(3, 3, true)).isTrue();
        assertThat(GridMembership.holdsQuorum(3, 2, false))
                .as("two of three, without the primary")
                .isTrue();
        assertThat(GridMembership.holdsQuorum(3, 1, true))
                .as("a node cut off, even the primary")
                .isFalse();
        assertThat(GridMembership.holdsQuorum(5, 2, true)).isFalse();
    }

    @Test
    void exactlyHalfHoldsQuorumOnlyWithThePrimary() {
        assertThat(GridMembership.holdsQuorum(2, 1, true)).isTrue();
        assertThat(GridMembership.holdsQuorum(2, 1, false)).isFalse();
        assertThat(GridMembership.holdsQuorum(4, 2, false)).isFalse();
    }

    @Test
    void aFormingClusterAlwaysHoldsQuorum() {
        assertThat(GridMembership.holdsQuorum(0, 1, false)).isTrue();
    }

    @Test
    void nodesThatJoinedSinceTheMapCountToo() {
        // a restarted cluster: the map on disk lists 3 nodes; 2 of them are back (with new member ids)
        assertThat(GridMembership.holdsQuorum(3, 2, false)).isTrue();
        assertThat(GridMembership.holdsQuorum(3, 1, false)).isFalse();
    }
}
