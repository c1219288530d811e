package dev.slope.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The packages of slope-core form no cycle: each depends only on packages below it. */
class PackageCycleTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.slope");

    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("dev.slope.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theEngineAndKernelsKnowNoLossModelOrTrainer() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("dev.slope.linalg..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.slope.loss..", "dev.slope.model..",
                        "dev.slope.objective..", "dev.slope.optimize..", "dev.slope.data..", "dev.slope.preprocess..")
                .check(CORE);
    }
}
