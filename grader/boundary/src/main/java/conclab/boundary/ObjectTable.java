package conclab.boundary;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects of one side that the other side holds references to, and this side's stand-ins
 * for the other side's objects. The same object always crosses with the same id, and the same
 * id always comes back as the same object or stand-in, so identity survives the boundary.
 */
public final class ObjectTable implements Codec.References {

    /** How a side makes stand-ins and which value classes it accepts from the other side. */
    public interface Resolver {
        /** A stand-in for {@code remote}, made for code that expects a {@code declared}. */
        Object standIn(Remote remote, List<String> interfaces, Class<?> declared);

        /** See {@link Codec.References#valueClass}. */
        Class<?> valueClass(String name, Codec.ValueKind kind);
    }

    /** An object this side exported, with the type the other side may call it as. */
    public record Export(Object object, Class<?> declared) {
    }

    private final Link link;
    private final Resolver resolver;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Export> exported = new ConcurrentHashMap<>();
    private final Map<Object, Long> exportIds = new IdentityHashMap<>();
    private final Map<Long, Object> standIns = new ConcurrentHashMap<>();
    private final Map<Object, Long> standInIds = new IdentityHashMap<>();
    /** A stand-in whose constructor is asking the other side for its object (see {@link #adopting}). */
    private final ThreadLocal<Object> adopting = new ThreadLocal<>();

    ObjectTable(Link link, Resolver resolver) {
        this.link = link;
        this.resolver = resolver;
    }

    @Override
    public synchronized long export(Object local, Class<?> declared) {
        Long id = exportIds.get(local);
        if (id == null) {
            id = ids.incrementAndGet();
            exportIds.put(local, id);
            exported.put(id, new Export(local, declared));
        }
        return id;
    }

    @Override
    public Object exported(long id) {
        Export export = exported.get(id);
        if (export == null) {
            throw new IllegalArgumentException("no object #" + id + " was ever handed to the other side");
        }
        return export.object();
    }

    /** The export {@code id}, with the type it was handed over as; empty if there is none. */
    public Optional<Export> export(long id) {
        return Optional.ofNullable(exported.get(id));
    }

    @Override
    public synchronized Optional<Long> remoteId(Object object) {
        return Optional.ofNullable(standInIds.get(object));
    }

    @Override
    public Object standIn(long id, String className, List<String> interfaces, Class<?> declared) {
        Object pending = adopting.get();
        synchronized (this) {
            Object known = standIns.get(id);
            if (known != null) {
                return known;
            }
            if (pending != null) {
                adopting.remove();
                register(id, pending);
                return pending;
            }
        }
        Object made = resolver.standIn(new Remote(link, id, className), interfaces, declared);
        synchronized (this) {
            Object raced = standIns.get(id);
            if (raced != null) {
                return raced;
            }
            register(id, made);
            return made;
        }
    }

    private void register(long id, Object standIn) {
        standIns.put(id, standIn);
        standInIds.put(standIn, id);
    }

    /**
     * Makes {@code standIn} the stand-in for the next object the other side sends to this thread:
     * the object a stand-in's constructor asks the other side to create.
     */
    public void adopting(Object standIn) {
        adopting.set(standIn);
    }

    /** Forgets an adoption that did not happen (the other side's constructor threw). */
    public void adopted() {
        adopting.remove();
    }

    /** The other side's id for {@code standIn}, once adopted. */
    public synchronized Optional<Long> idOf(Object standIn) {
        return Optional.ofNullable(standInIds.get(standIn));
    }

    @Override
    public Class<?> valueClass(String name, Codec.ValueKind kind) {
        return resolver.valueClass(name, kind);
    }
}
