package net.aisj.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of ARCHITECTURE.md for the storage layer, checked on the compiled classes: domain code is
 * plain Java, Hazelcast stays behind {@code net.aisj.cluster}, and services speak domain values (no HTTP, no JSON:
 * wire formats are parsed and written in the transport or by the codecs in {@code net.aisj.cluster}).
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.aisj");
    }

    @Test
    void domainCodeImportsNoJakartaAndNoHazelcast() {
        noClasses()
                .that()
                .resideInAPackage("net.aisj.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax.naming..", "com.hazelcast..")
                .because("domain code must be testable in milliseconds without a container")
                .check(classes);
    }

    @Test
    void onlyTheClusterPackageImportsHazelcast() {
        noClasses()
                .that()
                .resideOutsideOfPackage("net.aisj.cluster..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.hazelcast..")
                .because("the data grid is used through net.aisj.cluster.DataGrid")
                .check(classes);
    }

    @Test
    void servicesAndJobsSpeakNoHttp() {
        noClasses()
                .that()
                .resideInAnyPackage("net.aisj.service..", "net.aisj.xact..", "net.aisj.core..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .because("HTTP belongs to the transport (ais-web) and to the intra-cluster clients in net.aisj.cluster")
                .check(classes);
    }

    @Test
    void jobsDependOnNoService() {
        noClasses()
                .that()
                .resideInAPackage("net.aisj.xact..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.aisj.service..")
                .because("a job calls back into its starter through a small interface (see xact/README.md)")
                .check(classes);
    }

    @Test
    void domainCodeDependsOnNothingAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("net.aisj.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("net.aisj.service..", "net.aisj.cluster..", "net.aisj.xact..")
                .check(classes);
    }

    @Test
    void onlyStartupTouchesStorageNode() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("net.aisj.service.StorageNode")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("net.aisj.service.StorageNode")
                .because("StorageNode starts and wires the node; everything else reads net.aisj.service.LocalNode")
                .check(classes);
    }

    @Test
    void servicesAndJobsBuildNoJson() {
        noClasses()
                .that()
                .resideInAnyPackage("net.aisj.service..", "net.aisj.xact..", "net.aisj.core..", "net.aisj.backend..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.json..")
                .because("AIS JSON has one codec per family: the cluster's documents in net.aisj.cluster (used by both"
                        + " sides of an intra call), the client wire in ais-web's net.aisj.web.nat.json")
                .check(classes);
    }
}
