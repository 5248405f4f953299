package net.aisj.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The black-box tests stay black-box: they reach the product only through its wire (HTTP, S3, the console), never
 * through its classes, so they test what a user gets (their own helpers live in {@code net.aisj.it}). The one
 * exception is what users program against themselves: the Java client library ({@code net.aisj.client}, with the
 * bucket name type it takes), tested here as a user runs it, against launched nodes, and the JCA connector's
 * application API ({@code net.aisj.jca}), which the sample enterprise application ({@code net.aisj.it.sample}) uses.
 */
class BlackBoxTest {

    @Test
    void blackBoxTestsImportNothingOfOursButTheirHelpers() {
        JavaClasses classes = new ClassFileImporter().importPackages("net.aisj.it");
        noClasses()
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "classes of the product (net.aisj outside net.aisj.it) but its public client and connector APIs",
                        c -> c.getPackageName().startsWith("net.aisj.")
                                && !c.getPackageName().startsWith("net.aisj.it")
                                && !c.getPackageName().equals("net.aisj.client")
                                && !c.getPackageName().equals("net.aisj.jca")
                                && !c.getName().equals("net.aisj.connector.api.BucketId")))
                .check(classes);
    }
}
