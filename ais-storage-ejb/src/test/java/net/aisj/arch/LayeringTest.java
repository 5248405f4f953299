package net.aisj.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of ARCHITECTURE.md for the storage layer, checked on the compiled classes: domain code is
 * plain Java, Hazelcast stays behind {@code net.aisj.cluster}, and services speak domain values (no HTTP, no JSON
 * trees: wire formats are parsed in the transport or in {@code net.aisj.wire}).
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
    void publicServiceMethodsTakeDomainValuesNotJsonTrees() {
        methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("net.aisj.service..")
                .should(new ArchCondition<JavaMethod>("take no jakarta.json parameter") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        m.getRawParameterTypes().stream()
                                .filter(t -> t.getPackageName().startsWith("jakarta.json"))
                                .forEach(t -> events.add(
                                        SimpleConditionEvent.violated(m, m.getFullName() + " takes " + t.getName())));
                    }
                })
                .because("the transport parses the wire into records (see BucketPropsChange, MultiObjRequest)")
                .check(classes);
    }
}
