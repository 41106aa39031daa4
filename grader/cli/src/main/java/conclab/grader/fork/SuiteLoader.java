package conclab.grader.fork;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

/**
 * The test suite's classes and resources, loaded from the bytes of its jars, which reach the test
 * JVM on its standard input: no file of the suite lies in the test JVM's sandbox, so nothing
 * there can be tricked into reading the hidden tests back out. Each class keeps its jar's path as
 * its code source, by which the tests' default visibility is known.
 */
final class SuiteLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private record Entry(byte[] bytes, ProtectionDomain domain) {
    }

    private final Map<String, Entry> resources = new LinkedHashMap<>();
    private final List<String> classNames = new ArrayList<>();

    SuiteLoader(ClassLoader parent) {
        super("conclab-suite", parent);
    }

    /** Adds a jar's content, under {@code origin}, its path on the grader's side. */
    void add(String origin, byte[] jar) throws IOException {
        URL location = java.nio.file.Path.of(origin).toUri().toURL();
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                resources.putIfAbsent(name, new Entry(in.readAllBytes(), domain));
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
    }

    /** The binary names of the classes added, in the order of their jars. */
    List<String> classNames() {
        return List.copyOf(classNames);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Entry entry = resources.get(name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, entry.bytes(), 0, entry.bytes().length, entry.domain());
    }

    @Override
    protected URL findResource(String name) {
        Entry entry = resources.get(name);
        if (entry == null) {
            return null;
        }
        try {
            return new URL("conclab-suite", null, -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(entry.bytes());
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }
}
