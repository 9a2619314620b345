package org.bipm.kcdb.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The architecture every service keeps: its domain (state machines, calculations) depends on nothing but the
 * JDK, the shared event contracts and itself, so it stays testable and framework-free.
 */
public final class DomainRules {

    private DomainRules() {
    }

    public static void domainIsFrameworkFree(String servicePackage) {
        JavaClasses imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        classes().that().resideInAPackage(servicePackage + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.bipm.kcdb.events..",
                        // the rules two services share, framework-free: comparison identifiers, units
                        "org.bipm.kcdb.comparisons..", "org.bipm.kcdb.units..",
                        // what every domain shares, framework-free: Outcome and the kinds of refusal
                        "org.bipm.kcdb.support.domain..",
                        servicePackage + ".domain..", "org.hipparchus..",
                        // plain libraries of the domain's own subject: numerics and JSR 385 units
                        "javax.measure..", "tech.units.indriya..")
                .because("the domain must not depend on Spring, Mongo, Kafka or the web layer")
                .check(imported);
        classes().that().resideInAPackage(servicePackage + ".domain..")
                .should().haveSimpleNameNotContaining("Document")
                .check(imported);
        noClasses().should().dependOnClassesThat().resideInAPackage("tech.units.indriya.format..")
                .because("units are read by the platform's one reader (support/units), so that no two services read "
                        + "a unit differently")
                .check(imported);
    }
}
