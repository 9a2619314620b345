package org.bipm.kcdb.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The one floor plan of every service, as rules: {@code domain} (framework-free, see {@link DomainRules}),
 * {@code application} (use cases: load, let the domain decide, store; no HTTP, no Mongo), {@code persistence} (every
 * Mongo query), {@code web} (every controller), {@code messaging} (the event consumers). A service's
 * {@code ArchitectureTest} calls {@link #check(String, String...)}.
 */
public final class LayerRules {

    public static final List<String> ROOMS = List.of("domain", "application", "persistence", "web", "messaging");

    private LayerRules() {
    }

    /**
     * Checks every rule on the service's main classes.
     *
     * @param servicePackage e.g. {@code org.bipm.kcdb.submission}
     * @param otherRooms     packages below the service's that are not one of the five rooms but may stay (e.g. a
     *                       module of its own in the making); each is held to the application's rules
     */
    public static void check(String servicePackage, String... otherRooms) {
        JavaClasses imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        DomainRules.domainIsFrameworkFree(servicePackage);
        String domain = servicePackage + ".domain..";
        String application = servicePackage + ".application..";
        String persistence = servicePackage + ".persistence..";
        String web = servicePackage + ".web..";
        String messaging = servicePackage + ".messaging..";

        noClasses().that().resideInAPackage(application)
                .should().dependOnClassesThat().resideInAnyPackage(web, messaging, "org.bipm.kcdb.support.web..",
                        "org.springframework.web..", "org.springframework.http..",
                        "org.springframework.data.mongodb..", "com.mongodb..", "org.bson..")
                .because("the application throws the domain's refusals and speaks neither HTTP nor Mongo")
                .allowEmptyShould(true)
                .check(imported);
        noClasses().that().resideInAPackage(persistence)
                .should().dependOnClassesThat().resideInAnyPackage(application, web, messaging)
                .because("persistence stores what the application hands it and knows no use case")
                .allowEmptyShould(true)
                .check(imported);
        noClasses().that().resideOutsideOfPackage(persistence)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb.core.query..")
                .because("every Mongo query of the service is in its persistence room")
                .allowEmptyShould(true)
                .check(imported);
        noClasses().that().resideInAPackage(web).should().dependOnClassesThat().resideInAPackage(messaging)
                .allowEmptyShould(true)
                .check(imported);
        noClasses().that().resideInAPackage(messaging).should().dependOnClassesThat().resideInAPackage(web)
                .allowEmptyShould(true)
                .check(imported);
        classes().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or().areAnnotatedWith("org.springframework.stereotype.Controller")
                .or().areAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                .should().resideInAPackage(web)
                .because("every controller of the service is in its web room")
                .allowEmptyShould(true)
                .check(imported);

        List<String> allowed = new ArrayList<>();
        for (String room : ROOMS) {
            allowed.add(servicePackage + "." + room + "..");
        }
        for (String other : otherRooms) {
            allowed.add(servicePackage + "." + other + "..");
        }
        classes().that().resideOutsideOfPackage(servicePackage)
                .should().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("every class of the service is in one of the rooms " + ROOMS
                        + " (the configuration and main class in the service's own package)")
                .allowEmptyShould(true)
                .check(imported);
        for (String other : otherRooms) {
            noClasses().that().resideInAPackage(servicePackage + "." + other + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(web, messaging)
                    .allowEmptyShould(true)
                    .check(imported);
        }
        noClasses().that().resideInAPackage(domain).should().dependOnClassesThat()
                .resideInAnyPackage(application, persistence, web, messaging)
                .because("the domain imports nothing of the other rooms")
                .allowEmptyShould(true)
                .check(imported);
    }
}
