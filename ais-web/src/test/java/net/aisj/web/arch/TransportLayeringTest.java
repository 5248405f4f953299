package net.aisj.web.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport's layering rules (ARCHITECTURE.md), checked on the compiled classes of ais-web. */
class TransportLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.aisj.web");
    }

    @Test
    void transportNeverTouchesTheDataGrid() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.hazelcast..")
                .because("the data grid is reached through net.aisj.cluster.DataGrid")
                .check(classes);
    }

    @Test
    void requestCodeReadsLocalNodeNotTheStartupBean() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("net.aisj.service.StorageNode")
                .because("net.aisj.service.LocalNode is the node as request code sees it")
                .check(classes);
    }

    @Test
    void transportTalksToTheDiskOnlyThroughServicesAndTheConnectorApi() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.aisj.connector.fs..")
                .because("the disk layer is behind the connector API")
                .check(classes);
    }
}
