package katas.tool.run;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads the classes of one exercise's packages from a fresh compile and never from its parent, so an
 * edit is never masked by a stale class; everything else (engines, support, test support) comes from
 * the parent and stays warm.
 */
final class ExerciseClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> packages;

    ExerciseClassLoader(List<Path> freshClasses, Set<String> packages, ClassLoader parent) {
        super("kata-exercise", urls(freshClasses), parent);
        this.packages = Set.copyOf(packages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isFresh(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name); // never the parent's copy
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        String className =
                name.endsWith(".class") ? name.substring(0, name.length() - 6).replace('/', '.') : null;
        return className != null && isFresh(className) ? findResource(name) : super.getResource(name);
    }

    private static URL[] urls(List<Path> folders) {
        return folders.stream()
                .map(folder -> {
                    try {
                        return folder.toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalArgumentException(folder.toString(), e);
                    }
                })
                .toArray(URL[]::new);
    }

    private boolean isFresh(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot > 0 && packages.contains(className.substring(0, lastDot));
    }
}
