package net.aisj.container;

import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import net.aisj.connector.api.StorageConnectionFactory;

/**
 * Defines a connection factory on the deployed {@code ais-connector} adapter, exactly as the application's node bean
 * does, and hands it to the test.
 */
@Singleton
@ConnectionFactoryDefinition(
        name = StorageConnectorBean.CF_NAME,
        interfaceName = "net.aisj.connector.api.StorageConnectionFactory",
        resourceAdapter = "ais-connector",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 8)
public class StorageConnectorBean {

    static final String CF_NAME = "java:app/eis/ais-storage-test";

    @Resource(lookup = CF_NAME)
    StorageConnectionFactory connections;

    public StorageConnectionFactory connections() {
        return connections;
    }
}
