package katas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.Serializable;
import katas.support.Catalogue;
import katas.support.NotImplementedYet;
import katas.testing.CompiledClasses;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] EXERCISE_PACKAGES = {"katas.spark..", "katas.flink.."};

    /** The compiled main folder of the running track: its exercises and the shared support, no tests. */
    private static final JavaClasses PRODUCTION = CompiledClasses.besides(Catalogue.class);

    static final ArchRule SUPPORT_INDEPENDENT_OF_EXERCISES = noClasses()
            .that()
            .resideInAnyPackage("katas.support..", "katas.domain..", "katas.tool..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(EXERCISE_PACKAGES)
            .because("support code is shared by every exercise and must compile against any stub");

    static final ArchRule LEARNER_CODE_INDEPENDENT_OF_THE_TOOL = noClasses()
            .that()
            .resideInAnyPackage("katas.support..", "katas.domain..", "katas.spark..", "katas.flink..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("katas.tool..", "picocli..", "com.github.difflib..", "org.commonmark..", "org.jfree..")
            .because("what the learner compiles against stays apart from the kata command and its libraries");

    static final ArchRule PUBLIC_ENGINE_APIS_ONLY = noClasses()
            .that()
            .resideInAnyPackage(EXERCISE_PACKAGES)
            .should()
            .dependOnClassesThat(internalEngineApi())
            .because("an exercise teaches what a job may use: Spark's and Flink's public APIs");

    static final ArchRule FLINK_FUNCTION_FIELDS_SERIALIZABLE = fields().that()
            .areDeclaredInClassesThat()
            .areAssignableTo(Function.class)
            .and()
            .areNotStatic()
            .should(beTransientOrSerializable())
            .because("Flink ships functions to its tasks by Java serialization; state handles are created in open()");

    static final ArchRule SOLUTIONS_HAVE_NO_STUBS = noClasses()
            .that()
            .resideInAnyPackage(EXERCISE_PACKAGES)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(NotImplementedYet.class)
            .because("a reference solution that still throws the stub signal is a stub");

    @Test
    @DisplayName("support code never depends on exercise classes")
    void supportIndependentOfExercises() {
        SUPPORT_INDEPENDENT_OF_EXERCISES.check(PRODUCTION);
    }

    @Test
    @DisplayName("support, domain and exercises never depend on the kata command or its libraries")
    void learnerCodeIndependentOfTheTool() {
        LEARNER_CODE_INDEPENDENT_OF_THE_TOOL.check(PRODUCTION);
    }

    @Test
    @DisplayName("exercises use only public Spark and Flink APIs")
    void publicEngineApisOnly() {
        PUBLIC_ENGINE_APIS_ONLY.check(PRODUCTION);
    }

    @Test
    @DisplayName("Flink functions keep non-serializable fields transient")
    void flinkFunctionsSerializable() {
        FLINK_FUNCTION_FIELDS_SERIALIZABLE.check(PRODUCTION);
    }

    @Test
    @DisplayName("no reference solution throws the stub signal")
    void solutionsComplete() {
        assumeTrue("solutions".equals(System.getProperty("kata.track")), "checked on the solutions track only");
        SOLUTIONS_HAVE_NO_STUBS.check(PRODUCTION);
    }

    @Test
    @DisplayName("each rule reports a class that breaks it")
    void rulesCanFail() {
        JavaClasses badExamples = new ClassFileImporter()
                .importClasses(
                        katas.flink.architecturesamples.NonTransientState.class,
                        katas.spark.architecturesamples.UsesSparkInternals.class);

        assertThat(FLINK_FUNCTION_FIELDS_SERIALIZABLE.evaluate(badExamples).hasViolation())
                .isTrue();
        assertThat(PUBLIC_ENGINE_APIS_ONLY.evaluate(badExamples).hasViolation()).isTrue();
        assertThat(SOLUTIONS_HAVE_NO_STUBS.evaluate(badExamples).hasViolation()).isTrue();
        assertThat(SUPPORT_INDEPENDENT_OF_EXERCISES
                        .evaluate(new ClassFileImporter()
                                .importClasses(katas.support.architecturesamples.DependsOnExercise.class))
                        .hasViolation())
                .isTrue();
        assertThat(LEARNER_CODE_INDEPENDENT_OF_THE_TOOL
                        .evaluate(new ClassFileImporter()
                                .importClasses(katas.support.architecturesamples.DependsOnTool.class))
                        .hasViolation())
                .isTrue();
    }

    private static DescribedPredicate<JavaClass> internalEngineApi() {
        return DescribedPredicate.describe(
                "internal Spark or Flink APIs",
                javaClass -> javaClass.getPackageName().startsWith("org.apache.spark.sql.catalyst")
                        || javaClass.getPackageName().startsWith("org.apache.spark.sql.execution")
                        || javaClass.getPackageName().startsWith("org.apache.spark.internal")
                        || javaClass.getPackageName().startsWith("org.apache.flink")
                                && javaClass.isAnnotatedWith(Internal.class));
    }

    private static ArchCondition<JavaField> beTransientOrSerializable() {
        return new ArchCondition<>("be transient, or of a primitive or serializable type") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                JavaClass type = field.getRawType();
                boolean fine = field.getModifiers().contains(JavaModifier.TRANSIENT)
                        || type.isPrimitive()
                        || type.isAssignableTo(Serializable.class);
                events.add(new SimpleConditionEvent(
                        field,
                        fine,
                        field.getFullName() + " is " + type.getName() + ": make it transient and create it in open()"));
            }
        };
    }
}
