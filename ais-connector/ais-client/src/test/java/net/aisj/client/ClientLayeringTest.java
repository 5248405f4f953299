package net.aisj.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client is a plain jar: it needs no Jakarta EE at run time and shares only the connector API's values. */
class ClientLayeringTest {

    @Test
    void clientUsesNoJakartaAndNoServerCode() {
        noClasses()
                .that()
                .resideInAPackage("net.aisj.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "javax.naming..",
                        "com.hazelcast..",
                        "net.aisj.core..",
                        "net.aisj.service..",
                        "net.aisj.web..",
                        "net.aisj.connector.fs..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("net.aisj.client"));
    }
}
