"""A small CloudStack-shaped Java tree (own names: a pump controller) for call-graph and flow tests.

It has the framework shape flows are found in (servlet -> server -> queue -> dispatcher /
job manager -> job thread -> dispatcher -> command), sync, async and async-create commands, a
command whose execute() is inherited, an interface with two implementations of which the Spring
XML declares one, injected fields and adapter lists, overloads, super calls, chained calls
through generic DAO return types, inner and anonymous classes, lambdas and an unresolvable call.
"""

from __future__ import annotations

API = "api/src/main/java/org/acme/api"
SRV = "server/src/main/java/org/acme/server"

FILES: dict[str, str] = {
    f"{API}/BaseCmd.java": """
        package org.acme.api;

        import javax.inject.Inject;
        import org.acme.pump.PumpService;

        public abstract class BaseCmd {
            @Inject
            public PumpService _pumpService;

            public abstract void execute();

            public String getCommandName() {
                return getClass().getSimpleName().toLowerCase();
            }
        }
        """,
    f"{API}/BaseAsyncCmd.java": """
        package org.acme.api;

        public abstract class BaseAsyncCmd extends BaseCmd {
            private Long jobId;

            public Long getJobId() {
                return jobId;
            }
        }
        """,
    f"{API}/BaseAsyncCreateCmd.java": """
        package org.acme.api;

        public abstract class BaseAsyncCreateCmd extends BaseAsyncCmd {
            private Long entityId;

            public abstract void create();

            public void setEntityId(Long id) {
                entityId = id;
            }
        }
        """,
    f"{API}/command/ListPumpsCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseCmd;

        public class ListPumpsCmd extends BaseCmd {
            @Override
            public void execute() {
                _pumpService.listPumps();
            }
        }
        """,
    f"{API}/command/StartPumpCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseAsyncCmd;

        public class StartPumpCmd extends BaseAsyncCmd {
            private long id;

            @Override
            public void execute() {
                _pumpService.startPump(id);
            }
        }
        """,
    f"{API}/command/CreatePumpCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseAsyncCreateCmd;

        public class CreatePumpCmd extends BaseAsyncCreateCmd {
            private String name;
            private long id;

            @Override
            public void create() {
                setEntityId(_pumpService.allocatePump(name));
            }

            @Override
            public void execute() {
                _pumpService.startPump(id);
            }
        }
        """,
    f"{API}/command/BasePumpPowerCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseAsyncCmd;

        public abstract class BasePumpPowerCmd extends BaseAsyncCmd {
            protected long id;

            @Override
            public void execute() {
                applyPower();
                getCommandName();
            }

            protected abstract void applyPower();
        }
        """,
    f"{API}/command/StopPumpCmd.java": """
        package org.acme.api.command;

        public class StopPumpCmd extends BasePumpPowerCmd {
            @Override
            protected void applyPower() {
                _pumpService.stopPump(id);
            }
        }
        """,
    "api/src/main/java/org/acme/pump/PumpService.java": """
        package org.acme.pump;

        import java.util.List;

        public interface PumpService {
            List<Pump> listPumps();

            long allocatePump(String name);

            void startPump(long id);

            void stopPump(long id);
        }
        """,
    "api/src/main/java/org/acme/pump/Pump.java": """
        package org.acme.pump;

        public class Pump {
            private final String name;
            private long id;

            public Pump(String name) {
                this.name = name;
            }

            public String getName() {
                return name;
            }

            public long getId() {
                return id;
            }
        }
        """,
    f"{SRV}/ApiServlet.java": """
        package org.acme.server;

        import javax.inject.Inject;

        public class ApiServlet {
            @Inject
            ApiServer apiServer;

            void processRequest(String command) {
                String answer = apiServer.handleRequest(command);
                System.out.println(answer);
            }
        }
        """,
    f"{SRV}/ApiServer.java": """
        package org.acme.server;

        import javax.inject.Inject;
        import org.acme.api.BaseAsyncCmd;
        import org.acme.api.BaseAsyncCreateCmd;
        import org.acme.api.BaseCmd;
        import org.acme.jobs.JobManager;
        import org.acme.jobs.JobRecord;

        public class ApiServer {
            @Inject
            ApiDispatcher dispatcher;
            @Inject
            JobManager jobManager;

            public String handleRequest(String command) {
                BaseCmd cmdObj = lookup(command);
                return queueCommand(cmdObj);
            }

            private BaseCmd lookup(String command) {
                return null;
            }

            private String queueCommand(BaseCmd cmdObj) {
                if (cmdObj instanceof BaseAsyncCmd) {
                    if (cmdObj instanceof BaseAsyncCreateCmd) {
                        BaseAsyncCreateCmd createCmd = (BaseAsyncCreateCmd) cmdObj;
                        dispatcher.dispatchCreateCmd(createCmd);
                    }
                    long jobId = jobManager.submitJob(new JobRecord(cmdObj.getClass().getName()));
                    return String.valueOf(jobId);
                } else {
                    dispatcher.dispatch(cmdObj);
                    return cmdObj.getCommandName();
                }
            }
        }
        """,
    f"{SRV}/ApiDispatcher.java": """
        package org.acme.server;

        import org.acme.api.BaseAsyncCreateCmd;
        import org.acme.api.BaseCmd;

        public class ApiDispatcher {
            public void dispatchCreateCmd(BaseAsyncCreateCmd cmd) {
                cmd.create();
            }

            public void dispatch(BaseCmd cmd) {
                cmd.execute();
            }
        }
        """,
    f"{SRV}/ApiJobDispatcher.java": """
        package org.acme.server;

        import javax.inject.Inject;
        import org.acme.api.BaseCmd;
        import org.acme.jobs.JobDispatcher;
        import org.acme.jobs.JobRecord;

        public class ApiJobDispatcher implements JobDispatcher {
            @Inject
            ApiDispatcher dispatcher;

            @Override
            public void runJob(JobRecord job) {
                BaseCmd cmd = (BaseCmd) job.newCommand();
                dispatcher.dispatch(cmd);
            }
        }
        """,
    "server/src/main/java/org/acme/jobs/JobRecord.java": """
        package org.acme.jobs;

        public class JobRecord {
            private final String cmd;

            public JobRecord(String cmd) {
                this.cmd = cmd;
            }

            public Object newCommand() {
                return null;
            }
        }
        """,
    "server/src/main/java/org/acme/jobs/JobDispatcher.java": """
        package org.acme.jobs;

        public interface JobDispatcher {
            void runJob(JobRecord job);
        }
        """,
    "server/src/main/java/org/acme/jobs/MaintenanceJobDispatcher.java": """
        package org.acme.jobs;

        public class MaintenanceJobDispatcher implements JobDispatcher {
            @Override
            public void runJob(JobRecord job) {
                job.newCommand();
            }
        }
        """,
    "server/src/main/java/org/acme/jobs/JobManager.java": """
        package org.acme.jobs;

        public interface JobManager {
            long submitJob(JobRecord job);
        }
        """,
    "server/src/main/java/org/acme/jobs/ContextRunnable.java": """
        package org.acme.jobs;

        public abstract class ContextRunnable implements Runnable {
            @Override
            public void run() {
                runInContext();
            }

            protected abstract void runInContext();
        }
        """,
    "server/src/main/java/org/acme/jobs/JobManagerImpl.java": """
        package org.acme.jobs;

        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import javax.inject.Inject;

        public class JobManagerImpl implements JobManager {
            @Inject
            List<JobDispatcher> dispatchers;

            private final ExecutorService executor = Executors.newFixedThreadPool(2);

            @Override
            public long submitJob(JobRecord job) {
                executor.submit(makeRunnable(job));
                return 1L;
            }

            private Runnable makeRunnable(final JobRecord job) {
                return new ContextRunnable() {
                    @Override
                    protected void runInContext() {
                        for (JobDispatcher d : dispatchers) {
                            d.runJob(job);
                        }
                    }
                };
            }
        }
        """,
    "server/src/main/java/org/acme/pump/PumpDriver.java": """
        package org.acme.pump;

        public interface PumpDriver {
            void start(long id);

            void stop(long id);
        }
        """,
    "server/src/main/java/org/acme/pump/SimplePumpDriver.java": """
        package org.acme.pump;

        public class SimplePumpDriver implements PumpDriver {
            @Override
            public void start(long id) {
                System.out.println("start " + id);
            }

            @Override
            public void stop(long id) {
                System.out.println("stop " + id);
            }
        }
        """,
    "server/src/main/java/org/acme/pump/ClusteredPumpDriver.java": """
        package org.acme.pump;

        public class ClusteredPumpDriver extends SimplePumpDriver {
            @Override
            public void start(long id) {
                super.start(id);
                forward(id);
            }

            private void forward(long id) {
                System.out.println("forward " + id);
            }
        }
        """,
    "server/src/main/java/org/acme/pump/PumpAdapter.java": """
        package org.acme.pump;

        public interface PumpAdapter {
            void prepare(long id);
        }
        """,
    "server/src/main/java/org/acme/pump/ValveAdapter.java": """
        package org.acme.pump;

        public class ValveAdapter implements PumpAdapter {
            @Override
            public void prepare(long id) {
                System.out.println("valve " + id);
            }
        }
        """,
    "server/src/main/java/org/acme/pump/GaugeAdapter.java": """
        package org.acme.pump;

        public class GaugeAdapter implements PumpAdapter {
            @Override
            public void prepare(long id) {
                System.out.println("gauge " + id);
            }
        }
        """,
    "server/src/main/java/org/acme/pump/dao/GenericDao.java": """
        package org.acme.pump.dao;

        import java.util.List;

        public interface GenericDao<T, K> {
            T findById(K id);

            List<T> listAll();

            T persist(T entity);
        }
        """,
    "server/src/main/java/org/acme/pump/dao/PumpDao.java": """
        package org.acme.pump.dao;

        import org.acme.pump.Pump;

        public interface PumpDao extends GenericDao<Pump, Long> {
            Pump findByName(String name);
        }
        """,
    "server/src/main/java/org/acme/pump/dao/PumpDaoImpl.java": """
        package org.acme.pump.dao;

        import java.util.ArrayList;
        import java.util.List;
        import org.acme.pump.Pump;

        public class PumpDaoImpl implements PumpDao {
            @Override
            public Pump findById(Long id) {
                return null;
            }

            @Override
            public List<Pump> listAll() {
                return new ArrayList<Pump>();
            }

            @Override
            public Pump persist(Pump entity) {
                return entity;
            }

            @Override
            public Pump findByName(String name) {
                return null;
            }
        }
        """,
    "server/src/main/java/org/acme/pump/PumpManagerImpl.java": """
        package org.acme.pump;

        import java.util.List;
        import javax.inject.Inject;
        import org.acme.pump.dao.PumpDao;

        public class PumpManagerImpl implements PumpService {
            @Inject
            PumpDriver driver;
            @Inject
            List<PumpAdapter> adapters;
            @Inject
            private PumpDao pumpDao;

            @Override
            public List<Pump> listPumps() {
                return pumpDao.listAll();
            }

            @Override
            public long allocatePump(String name) {
                Pump pump = new Pump(name);
                pumpDao.persist(pump);
                notify(pumpDao.findByName(name).getName());
                return pumpDao.findById(1L).getId();
            }

            @Override
            public void startPump(long id) {
                driver.start(id);
                for (PumpAdapter adapter : adapters) {
                    adapter.prepare(id);
                }
                notify(id);
                notify(id, "started");
                new Tracker().track();
            }

            @Override
            public void stopPump(long id) {
                List<Long> ids = java.util.Collections.singletonList(id);
                ids.forEach(each -> driver.stop(each));
                mystery.vanish();
            }

            void notify(long id) {
                record("pump " + id);
            }

            void notify(long id, String message) {
                record(message);
            }

            void notify(String name) {
                record(name);
            }

            void record(String text) {
                System.out.println(text);
            }

            class Tracker {
                void track() {
                    record("tracked");
                }
            }
        }
        """,
    "server/src/main/java/org/acme/pump/Tx.java": """
        package org.acme.pump;

        public class Tx {
            public interface Callback {
                void inTransaction();
            }

            public static void execute(Callback callback) {
                callback.inTransaction();
            }
        }
        """,
    "server/src/main/java/org/acme/pump/PumpAuditor.java": """
        package org.acme.pump;

        public class PumpAuditor {
            void audit(final long id) {
                Tx.execute(
                    new Tx.Callback() {
                        @Override
                        public void inTransaction() {
                            write(id);
                        }
                    });
            }

            void write(long id) {
            }
        }
        """,
    "server/src/main/resources/META-INF/cloudstack/core/spring-acme-core-context.xml": """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans">
            <bean id="apiServer" class="org.acme.server.ApiServer" />
            <bean id="apiDispatcher" class="org.acme.server.ApiDispatcher" />
            <bean id="apiJobDispatcher" class="org.acme.server.ApiJobDispatcher" />
            <bean id="maintenanceJobDispatcher" class="org.acme.jobs.MaintenanceJobDispatcher" />
            <bean id="jobManagerImpl" class="org.acme.jobs.JobManagerImpl" />
            <bean id="pumpManagerImpl" class="org.acme.pump.PumpManagerImpl" />
            <!-- the clustered driver replaces the simple one -->
            <bean id="pumpDriver" class="org.acme.pump.ClusteredPumpDriver" />
            <bean id="valveAdapter" class="org.acme.pump.ValveAdapter" />
            <bean id="gaugeAdapter" class="org.acme.pump.GaugeAdapter" />
            <bean id="pumpDaoImpl" class="org.acme.pump.dao.PumpDaoImpl" />
        </beans>
        """,
}
