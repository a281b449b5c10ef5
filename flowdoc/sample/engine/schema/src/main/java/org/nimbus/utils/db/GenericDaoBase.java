// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.utils.db;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * In-memory stand-in for a table. Concrete DAOs add their own finders on top.
 */
public abstract class GenericDaoBase<T, ID extends Serializable> implements GenericDao<T, ID> {

    private final Map<ID, T> rows = new ConcurrentHashMap<ID, T>();
    private final AtomicLong sequence = new AtomicLong();

    /** Gives the entity its new id and returns it as the map key. */
    protected abstract ID assignId(T entity, long next);

    @Override
    public T findById(ID id) {
        return id == null ? null : rows.get(id);
    }

    @Override
    public List<T> listAll() {
        return new ArrayList<T>(rows.values());
    }

    @Override
    public T persist(T entity) {
        ID id = assignId(entity, sequence.incrementAndGet());
        rows.put(id, entity);
        return entity;
    }

    @Override
    public boolean update(ID id, T entity) {
        if (!rows.containsKey(id)) {
            return false;
        }
        rows.put(id, entity);
        return true;
    }

    @Override
    public boolean remove(ID id) {
        return rows.remove(id) != null;
    }

    protected List<T> listBy(Predicate<T> filter) {
        return rows.values().stream().filter(filter).collect(Collectors.toList());
    }

    protected T findOneBy(Predicate<T> filter) {
        return rows.values().stream().filter(filter).findFirst().orElse(null);
    }
}
