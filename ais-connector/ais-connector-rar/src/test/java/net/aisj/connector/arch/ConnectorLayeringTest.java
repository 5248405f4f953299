package net.aisj.connector.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The disk layer's rules (ARCHITECTURE.md): it depends on nothing of ours and knows no HTTP and no cluster. */
class ConnectorLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.aisj.connector");
    }

    @Test
    void theConnectorImportsNothingOfOurs() {
        noClasses()
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "our classes outside the connector",
                        c -> c.getPackageName().startsWith("net.aisj.")
                                && !c.getPackageName().startsWith("net.aisj.connector")))
                .because("the resource adapter is the bottom layer: web -> ejb -> connector API")
                .check(classes);
    }

    @Test
    void theDiskLayerKnowsNoHttpAndNoCluster() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..", "jakarta.servlet..", "java.net.http..", "com.hazelcast..", "jakarta.ejb..")
                .because("the disk layer knows no cluster and no HTTP")
                .check(classes);
    }
}
