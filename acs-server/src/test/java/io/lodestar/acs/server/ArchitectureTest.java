package io.lodestar.acs.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import io.lodestar.acs.store.DeviceStore;
import io.lodestar.acs.store.TaskStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The invariants of docs/architecture.md that a compiler cannot see, checked on the main classes of every module
 * (this module, the composition root, has them all on its test classpath). Maven's module dependencies already
 * keep a module from compiling against one it does not declare; these rules keep the declared ones one-way and
 * the rooms apart.
 */
class ArchitectureTest {

    private static final String CORE = "io.lodestar.acs.core..";
    private static final String CODEC = "io.lodestar.acs.codec..";
    private static final String STORE_API = "io.lodestar.acs.store";
    private static final String STORE_ENCODINGS = "io.lodestar.acs.store.codec..";
    private static final String EMBEDDED = "io.lodestar.acs.store.embedded..";
    private static final String CASSANDRA = "io.lodestar.acs.store.cassandra..";
    private static final String CACHE = "io.lodestar.acs.store.cache..";
    private static final String SERVICE = "io.lodestar.acs.service..";
    private static final String API = "io.lodestar.acs.api..";
    private static final String CWMP = "io.lodestar.acs.cwmp..";
    private static final String FILES = "io.lodestar.acs.files..";
    private static final String SIM = "io.lodestar.acs.sim..";
    private static final String STUN = "io.lodestar.acs.stun..";
    private static final String HTTP_AUTH = "io.lodestar.acs.httpauth..";
    private static final String SERVER = "io.lodestar.acs.server..";
    private static final String PROFILES = "io.lodestar.acs.profiles..";
    private static final String METRICS = "io.lodestar.acs.metrics..";
    /** acs-metrics' store decorator: it passes every call through, operators' writes included. */
    private static final String METRICS_STORE = "io.lodestar.acs.metrics.store..";

    private static JavaClasses lodestar;

    @BeforeAll
    static void importMainClasses() {
        lodestar = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // under `mvn verify` the other modules are jars on the classpath: import them, but not test-jars
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.lodestar.acs");
    }

    @Test
    void modulesDependOnEachOtherOneWayOnly() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true) // modules still to come (the REST API) may be absent
                .layer("core").definedBy(CORE)
                .layer("codec").definedBy(CODEC)
                .layer("store contract").definedBy(STORE_API, STORE_ENCODINGS)
                .layer("store engines").definedBy(EMBEDDED, CASSANDRA, CACHE)
                .layer("service").definedBy(SERVICE)
                .layer("rest api").definedBy(API)
                .layer("cwmp endpoint").definedBy(CWMP)
                .layer("stun").definedBy(STUN)
                .layer("http auth").definedBy(HTTP_AUTH)
                .layer("file server").definedBy(FILES)
                .layer("simulator").definedBy(SIM)
                .layer("phone profiles").definedBy(PROFILES)
                .layer("metrics").definedBy(METRICS)
                .layer("composition root").definedBy(SERVER)
                .layer("standard data models").definedBy("io.lodestar.acs.datamodel..")
                .whereLayer("core").mayNotAccessAnyLayer()
                .whereLayer("codec").mayOnlyAccessLayers("core")
                .whereLayer("store contract").mayOnlyAccessLayers("core")
                .whereLayer("store engines").mayOnlyAccessLayers("core", "store contract")
                .whereLayer("service").mayOnlyAccessLayers("core", "store contract", "standard data models")
                .whereLayer("standard data models").mayNotAccessAnyLayer()
                .whereLayer("rest api").mayOnlyAccessLayers("core", "store contract", "service", "http auth",
                        "phone profiles")
                .whereLayer("cwmp endpoint").mayOnlyAccessLayers("core", "codec", "store contract", "http auth")
                .whereLayer("http auth").mayNotAccessAnyLayer()
                .whereLayer("stun").mayOnlyAccessLayers("core")
                .whereLayer("simulator").mayOnlyAccessLayers("core", "codec", "stun", "http auth")
                .whereLayer("file server").mayOnlyAccessLayers("core", "store contract", "service")
                .whereLayer("phone profiles").mayOnlyAccessLayers("core", "store contract")
                .whereLayer("metrics").mayOnlyAccessLayers("core", "store contract", "service", "cwmp endpoint");
        rule.check(lodestar);
    }

    @Test
    void onlyTheCompositionRootSeesStoreEngines() {
        noClasses().that().resideOutsideOfPackages(SERVER, EMBEDDED, CASSANDRA, CACHE)
                .should().dependOnClassesThat().resideInAnyPackage(EMBEDDED, CASSANDRA, CACHE)
                .because("engines are chosen in one place; everything else works with the store contract")
                .check(lodestar);
    }

    @Test
    void storeEnginesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage(EMBEDDED).should().dependOnClassesThat().resideInAnyPackage(CASSANDRA, CACHE)
                .check(lodestar);
        noClasses().that().resideInAPackage(CASSANDRA).should().dependOnClassesThat().resideInAnyPackage(EMBEDDED, CACHE)
                .check(lodestar);
        noClasses().that().resideInAPackage(CACHE).should().dependOnClassesThat().resideInAnyPackage(EMBEDDED, CASSANDRA)
                .check(lodestar);
    }

    @Test
    void theEngineDoesNoInputOutput() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java.lang..", "java.util..", "java.time..",
                        "java.math..", "java.nio.charset..", "java.text..", "org.pcollections..")
                .because("acs-core is the pure domain and session engine: no network, no files, no threads, no logging")
                .check(lodestar);
    }

    @Test
    void theEngineIsGivenTheTimeRatherThanReadingAClock() {
        noClasses().that().resideInAPackage(CORE)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .because("the engine is deterministic: time is passed in")
                .check(lodestar);
    }

    @Test
    void aCwmpSessionWritesThroughCommitOnly() {
        noClasses().that().resideInAPackage(CWMP)
                .should().callMethodWhere(OPERATOR_WRITE)
                .because("what a session changed is written in one atomic commit(SessionChanges)")
                .check(lodestar);
    }

    @Test
    void operatorsActThroughTheServiceLayer() {
        noClasses().that().resideOutsideOfPackages(SERVICE, EMBEDDED, CASSANDRA, CACHE, STORE_API, METRICS_STORE)
                .should().callMethodWhere(OPERATOR_WRITE)
                .because("validation and domain events live in one place, the service layer (acs-service)")
                .check(lodestar);
    }

    @Test
    void theCommandLineActsOnDevicesThroughTheApiNeverTheStore() {
        noClasses().that().resideInAPackage("io.lodestar.acs.server.cli..").and().doNotHaveSimpleName("RunCommand")
                .should().dependOnClassesThat().resideInAnyPackage("io.lodestar.acs.store..", SERVICE)
                .because("lodestar devices, task and token work while the ACS runs: through its API")
                .check(lodestar);
    }

    /** The store writes that belong to operators (through the service layer), not to sessions. */
    private static final DescribedPredicate<JavaMethodCall> OPERATOR_WRITE = DescribedPredicate.describe(
            "an operator's store write (register, setTags, deleteDevice, addTask, cancelTask)",
            call -> Set.of("register", "setTags", "deleteDevice", "addTask", "cancelTask").contains(call.getName())
                    && (call.getTargetOwner().isAssignableTo(DeviceStore.class)
                    || call.getTargetOwner().isAssignableTo(TaskStore.class)));
}
