package net.aisj.jca.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import net.aisj.jca.AisConnection;
import net.aisj.jca.AisConnectionFactory;

/** Non-managed use: the factory works without a container (a handle per connection, user from the request). */
final class AisConnectionFactoryImplProbe {

    private AisConnectionFactoryImplProbe() {}

    static void check(AisManagedConnectionFactory mcf) throws Exception {
        AisConnectionFactory cf = (AisConnectionFactory) mcf.createConnectionFactory();
        try (AisConnection a = cf.getConnection("carol", "pw".toCharArray());
                AisConnection b = cf.getConnection()) {
            assertThat(a).isNotSameAs(b);
            assertThat(a.user()).isEqualTo("carol");
            assertThat(b.user()).isEmpty();
        }
    }
}
