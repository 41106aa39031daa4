package conclab.executor;

import conclab.boundary.Remote;
import java.io.IOException;

/** A call to a test's object, with what it throws as an {@code IOException}, an unchecked exception or an error. */
final class Calls {

    private Calls() {
    }

    static Object call(Remote remote, String type, String member, String descriptor, Class<?>[] parameters,
                       Class<?> returnType, Object... arguments) throws IOException {
        try {
            return remote.call(type, member, descriptor, parameters, returnType, arguments);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
