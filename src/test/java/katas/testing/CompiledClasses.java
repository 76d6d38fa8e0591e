package katas.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** ArchUnit imports of one compiled folder: scanning the whole classpath for a package takes seconds. */
public final class CompiledClasses {

    private CompiledClasses() {}

    /** Every class in the folder (or jar) that {@code type} was loaded from. */
    public static JavaClasses besides(Class<?> type) {
        try {
            return new ClassFileImporter()
                    .importPath(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no class folder for " + type, e);
        }
    }
}
