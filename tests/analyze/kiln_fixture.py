"""A small kiln-farm Java tree (own names) for what flows touch: entities with ``@Table``,
``@SecondaryTable`` and joined inheritance, a generic DAO base with entity type arguments, a
DAO reached through an injected interface and one through a callback inside the DAO, a
setting class with two constructor orders and ``this(...)`` delegation, settings read with
``value()``/``valueIn()`` (and one from a local variable: unknown), ``@ActionEvent`` and an
event-utility call (one with a computed event type: unknown).
"""

from __future__ import annotations

DB = "engine/schema/src/main/java/org/kiln/db"
CFG = "framework/config/src/main/java/org/kiln/config"
SRV = "server/src/main/java/org/kiln"

FILES: dict[str, str] = {
    f"{DB}/GenericDao.java": """
        package org.kiln.db;

        import java.util.List;

        public interface GenericDao<T, ID> {
            T findById(ID id);
            List<T> listAll();
            T persist(T entity);
            boolean update(ID id, T entity);
            boolean remove(ID id);
            SearchBuilder<T> createSearchBuilder();
        }
        """,
    f"{DB}/SearchBuilder.java": """
        package org.kiln.db;

        public class SearchBuilder<T> {
            public void done() {}
        }
        """,
    f"{DB}/GenericDaoBase.java": """
        package org.kiln.db;

        import java.util.List;

        public abstract class GenericDaoBase<T, ID> implements GenericDao<T, ID> {
            public T findById(ID id) { return null; }
            public List<T> listAll() { return null; }
            public T persist(T entity) { return entity; }
            public boolean update(ID id, T entity) { return true; }
            public boolean remove(ID id) { return true; }
            public SearchBuilder<T> createSearchBuilder() { return new SearchBuilder<T>(); }
            protected void inTransaction(Runnable work) { work.run(); }
        }
        """,
    f"{DB}/FiringVO.java": """
        package org.kiln.db;

        @Entity
        @Table(name = FiringVO.TABLE)
        @Inheritance(strategy = InheritanceType.JOINED)
        public class FiringVO {
            public static final String TABLE = "firing";
            @Column(name = "id")
            private long id;
            @Column(name = "peak_temp")
            private int peakTemperature;
            @Column
            private String state;
            @Column(name = "note", table = "firing_note")
            private String note;
            private transient int scratch;
        }
        """,
    f"{DB}/GlazeFiringVO.java": """
        package org.kiln.db;

        @Entity
        @Table(name = "glaze_firing")
        @SecondaryTable(name = "firing_note")
        public class GlazeFiringVO extends FiringVO {
            @Column(name = "glaze")
            private String glaze;
        }
        """,
    f"{DB}/ShelfVO.java": """
        package org.kiln.db;

        @Entity
        @Table(name = "shelf")
        @SecondaryTables({@SecondaryTable(name = "shelf_tag"), @SecondaryTable(name = "shelf_slot")})
        public class ShelfVO {
            @Column(name = "id")
            private long id;
        }
        """,
    f"{DB}/FiringDao.java": """
        package org.kiln.db;

        public interface FiringDao extends GenericDao<FiringVO, Long> {
            void markCooled(long id);
            int bakeAll();
        }
        """,
    f"{DB}/FiringDaoImpl.java": """
        package org.kiln.db;

        public class FiringDaoImpl extends GenericDaoBase<FiringVO, Long> implements FiringDao {
            public void markCooled(final long id) {
                inTransaction(new Runnable() {
                    public void run() {
                        update(id, null);
                    }
                });
            }
            public int bakeAll() { return 0; }
        }
        """,
    f"{DB}/GlazeFiringDao.java": """
        package org.kiln.db;

        public interface GlazeFiringDao extends GenericDao<GlazeFiringVO, Long> {
        }
        """,
    f"{DB}/GlazeFiringDaoImpl.java": """
        package org.kiln.db;

        public class GlazeFiringDaoImpl extends GenericDaoBase<GlazeFiringVO, Long> implements GlazeFiringDao {
        }
        """,
    f"{DB}/ShelfDaoImpl.java": """
        package org.kiln.db;

        public class ShelfDaoImpl extends GenericDaoBase<ShelfVO, Long> {
        }
        """,
    f"{CFG}/ConfigKey.java": """
        package org.kiln.config;

        import java.util.List;

        public class ConfigKey<T> {
            public enum Scope { Global, Zone, Cluster }

            public ConfigKey(String category, Class<T> type, String name, String defaultValue, String description,
                             boolean isDynamic) {
                this(type, name, category, defaultValue, description, isDynamic, Scope.Global);
            }

            public ConfigKey(String category, Class<T> type, String name, String defaultValue, String description,
                             boolean isDynamic, Scope scope) {
                this(type, name, category, defaultValue, description, isDynamic, scope);
            }

            public ConfigKey(Class<T> type, String name, String category, String defaultValue, String description,
                             boolean isDynamic, Scope scope) {
                this(type, name, category, defaultValue, description, isDynamic, List.of(scope));
            }

            public ConfigKey(Class<T> type, String name, String category, String defaultValue, String description,
                             boolean isDynamic, List<Scope> scopes) {
            }

            public T value() { return null; }
            public T valueIn(Long id) { return null; }
            public String key() { return null; }
        }
        """,
    f"{SRV}/KilnConfig.java": """
        package org.kiln;

        public enum KilnConfig {
            DrySeconds("Kiln", KilnManager.class, Integer.class, "kiln.dry.seconds", "30", "Seconds to dry", null),
            KilnName("Kiln", KilnManager.class, String.class, "kiln.name", "k1", "The kiln's name", null);

            KilnConfig(String category, Class<?> componentClass, Class<?> type, String name, String defaultValue,
                       String description, String range) {
            }

            public String key() { return null; }
        }
        """,
    f"{SRV}/event/EventTypes.java": """
        package org.kiln.event;

        public class EventTypes {
            public static final String EVENT_FIRE = "KILN.FIRE";
            public static final String EVENT_COOL = "KILN.COOL";
        }
        """,
    f"{SRV}/event/ActionEvent.java": """
        package org.kiln.event;

        public @interface ActionEvent {
            String eventType();
            String eventDescription();
        }
        """,
    f"{SRV}/event/ActionEventUtils.java": """
        package org.kiln.event;

        public class ActionEventUtils {
            public static Long onActionEvent(Long userId, String type, String description) { return 1L; }
        }
        """,
    f"{SRV}/KilnManager.java": """
        package org.kiln;

        import org.kiln.config.ConfigKey;

        public interface KilnManager {
            ConfigKey<Integer> MaxHeat = new ConfigKey<>("Advanced", Integer.class, "kiln.max.heat", "1200",
                    "The hottest a firing may get", true, ConfigKey.Scope.Zone);

            void fire(long zoneId);
            void cool(long id, String kind);
        }
        """,
    f"{SRV}/KilnManagerImpl.java": """
        package org.kiln;

        import javax.inject.Inject;

        import org.kiln.config.ConfigKey;
        import org.kiln.db.FiringDao;
        import org.kiln.db.FiringVO;
        import org.kiln.db.GlazeFiringDao;
        import org.kiln.event.ActionEvent;
        import org.kiln.event.ActionEventUtils;
        import org.kiln.event.EventTypes;

        public class KilnManagerImpl implements KilnManager {
            static final String COOL_NAME = "kiln.cool." + "minutes";
            static final ConfigKey<Long> CoolMinutes = new ConfigKey<Long>(Long.class, COOL_NAME, "Kiln",
                    String.valueOf(45), "Minutes to cool down", false, ConfigKey.Scope.Cluster);
            static final ConfigKey<Boolean> Enabled = new ConfigKey<>("Kiln", Boolean.class, "kiln.enabled", "true",
                    "Whether kilns fire at all", false);

            @Inject
            FiringDao _firingDao;
            @Inject
            GlazeFiringDao _glazeDao;

            @Override
            @ActionEvent(eventType = EventTypes.EVENT_FIRE, eventDescription = "firing a kiln")
            public void fire(long zoneId) {
                if (!Enabled.value()) {
                    return;
                }
                Integer limit = MaxHeat.valueIn(zoneId);
                FiringVO firing = _firingDao.findById(zoneId);
                _firingDao.persist(firing);
                _glazeDao.persist(null);
                _firingDao.createSearchBuilder();
                _firingDao.bakeAll();
            }

            @Override
            public void cool(long id, String kind) {
                ConfigKey<Long> key = CoolMinutes;
                Long minutes = key.value();
                String dry = KilnConfig.DrySeconds.key();
                _firingDao.markCooled(id);
                ActionEventUtils.onActionEvent(1L, EventTypes.EVENT_COOL, "cooling");
                ActionEventUtils.onActionEvent(1L, "KILN." + kind, "cooling");
            }
        }
        """,
}
