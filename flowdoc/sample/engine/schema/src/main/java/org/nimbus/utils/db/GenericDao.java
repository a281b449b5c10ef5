// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.utils.db;

import java.io.Serializable;
import java.util.List;

/**
 * Basic row access every table gets for free.
 */
public interface GenericDao<T, ID extends Serializable> {

    T findById(ID id);

    List<T> listAll();

    /** Stores a new row, assigning its id. */
    T persist(T entity);

    boolean update(ID id, T entity);

    boolean remove(ID id);
}
